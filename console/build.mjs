// Builds the console: src/main.ts (and the CSS and fonts it imports) bundled by esbuild into
// dist/assets/ with content-hashed names, and dist/index.html naming them. Deterministic: the
// same sources give the same bytes, so CI rebuilds into a scratch directory and fails on any
// difference from the committed dist/ (.ci/console).
//
//   node build.mjs            (writes dist/)
//   node build.mjs --out DIR  (writes DIR instead)
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf("--out");
const out = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(here, "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, "assets"), { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { app: "src/main.ts" },
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020", "chrome100", "firefox100", "safari15"],
  outdir: path.join(out, "assets"),
  entryNames: "[name]-[hash]",
  // Screens imported with import() (administration, the SLA dashboard) become chunks loaded on
  // first use; the first load stays the app's own JS and CSS.
  splitting: true,
  chunkNames: "[name]-[hash]",
  assetNames: "[name]-[hash]",
  publicPath: "/assets",
  loader: { ".woff2": "file" },
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  logLevel: "warning",
});

const outputs = Object.keys(result.metafile.outputs).map((p) => path.basename(p));
const js = outputs.find((f) => /^app-.*\.js$/.test(f));
const css = outputs.find((f) => /^app-.*\.css$/.test(f));
if (!js || !css) throw new Error(`missing bundle in ${outputs.join(", ")}`);
const font = outputs.find((f) => /^Vazirmatn-Regular-.*\.woff2$/.test(f));
// The chunks the app imports statically (code it shares with the lazily loaded screens) are
// preloaded with it, so the first load costs no extra round trip.
const appMeta = Object.entries(result.metafile.outputs).find(([p]) => path.basename(p) === js)?.[1];
const preloads = [];
const visit = (meta) => {
  for (const i of meta?.imports ?? []) {
    const name = path.basename(i.path);
    if (i.kind !== "import-statement" || preloads.includes(name)) continue;
    preloads.push(name);
    visit(Object.entries(result.metafile.outputs).find(([p]) => path.basename(p) === name)?.[1]);
  }
};
visit(appMeta);
preloads.sort();

// The installable app: the icons (committed PNGs, drawn by icons.mjs) copied under hashed
// names, the manifest naming them, and the service worker naming every shell file.
const hash8 = (buf) => createHash("sha256").update(buf).digest("hex").slice(0, 8).toUpperCase();
const icons = [192, 512].map((n) => {
  const bytes = readFileSync(path.join(here, "public", `icon-${n}.png`));
  const name = `icon-${n}-${hash8(bytes)}.png`;
  writeFileSync(path.join(out, "assets", name), bytes);
  return { n, name };
});
const manifest = {
  id: "/",
  name: "سامانهٔ مجوز فک پلاک",
  short_name: "مجوز فک پلاک",
  description: "سامانهٔ صدور مجوز فک پلاک خودروهای دولتی: کارتابل پلیس راهور، خواندن QR مجوز و ثبت نتیجه",
  lang: "fa",
  dir: "rtl",
  start_url: "/",
  scope: "/",
  display: "standalone",
  orientation: "portrait",
  background_color: "#f3f5f8",
  theme_color: "#1d3f94",
  icons: icons.flatMap(({ n, name }) => [
    { src: `/assets/${name}`, sizes: `${n}x${n}`, type: "image/png", purpose: "any" },
    { src: `/assets/${name}`, sizes: `${n}x${n}`, type: "image/png", purpose: "maskable" },
  ]),
};
writeFileSync(path.join(out, "manifest.webmanifest"), `${JSON.stringify(manifest, null, 2)}\n`);
const shell = ["/", "/manifest.webmanifest", ...outputs.filter((f) => /\.(js|css|woff2)$/.test(f)).sort().map((f) => `/assets/${f}`), ...icons.map(({ name }) => `/assets/${name}`)];
const sw = readFileSync(path.join(here, "src", "sw.js"), "utf8")
  .replace("__VERSION__", hash8(shell.join("\n")))
  .replace("__SHELL__", JSON.stringify(shell));
writeFileSync(path.join(out, "sw.js"), sw);

const html = `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="سامانهٔ صدور مجوز فک پلاک خودروهای دولتی">
<meta name="theme-color" content="#1d3f94">
<title>سامانهٔ مجوز فک پلاک</title>
<link rel="icon" href="/assets/${icons[0].name}" type="image/png">
<link rel="apple-touch-icon" href="/assets/${icons[0].name}">
<link rel="manifest" href="/manifest.webmanifest">
${font ? `<link rel="preload" href="/assets/${font}" as="font" type="font/woff2" crossorigin>\n` : ""}<link rel="stylesheet" href="/assets/${css}">
${preloads.map((c) => `<link rel="modulepreload" href="/assets/${c}">\n`).join("")}<script type="module" src="/assets/${js}"></script>
</head>
<body>
<a class="skip" href="#main">پرش به محتوای اصلی</a>
<div id="app"><main id="main" tabindex="-1"><p class="loading" role="status">در حال بارگذاری…</p></main></div>
<noscript><p>برای کار با سامانه، اجرای جاوااسکریپت مرورگر را فعال کنید.</p></noscript>
</body>
</html>
`;
writeFileSync(path.join(out, "index.html"), html);
console.log(`console built into ${path.relative(process.cwd(), out) || "."}: ${readdirSync(path.join(out, "assets")).join(", ")}`);
