// A photo from the phone's camera, made small enough to send from the roadside: drawn on a
// canvas at most MAX_SIDE pixels on its longer side (the orientation the camera recorded is
// applied by createImageBitmap) and encoded as JPEG.
export const MAX_SIDE = 1600;
export const QUALITY = 0.82;

export interface Resized {
  blob: Blob;
  width: number;
  height: number;
  originalWidth: number;
  originalHeight: number;
}

export async function resize(file: Blob): Promise<Resized> {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  const original = { originalWidth: bitmap.width, originalHeight: bitmap.height };
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("toBlob"))), "image/jpeg", QUALITY),
  );
  return { blob, width, height, ...original };
}
