// Persian presentation: digits, numbers, plates.

const FA = "۰۱۲۳۴۵۶۷۸۹";

/** Every ASCII digit as a Persian digit. */
export function fa(value: string | number): string {
  return String(value).replace(/[0-9]/g, (d) => FA[Number(d)] ?? d);
}

/** Persian and Arabic-Indic digits as ASCII (for what the user types before it is sent). */
export function ascii(value: string): string {
  return value
    .replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/** A tracking code or permit number in groups of four (Persian digits, left to right). */
export function grouped(code: string): string {
  return fa(code.replace(/(\d{4})(?=\d)/g, "$1 "));
}

/** A byte count as people read it. */
export function bytes(n: number): string {
  if (n < 1024) return `${fa(n)} بایت`;
  if (n < 1024 * 1024) return `${fa((n / 1024).toFixed(0))} کیلوبایت`;
  return `${fa((n / 1024 / 1024).toFixed(1))} مگابایت`;
}
