// Builds the console: src/main.ts (and the CSS and fonts it imports) bundled by esbuild into
// dist/assets/ with content-hashed names, and dist/index.html naming them. Deterministic: the
// same sources give the same bytes, so CI rebuilds into a scratch directory and fails on any
// difference from the committed dist/ (.ci/console).
//
//   node build.mjs            (writes dist/)
//   node build.mjs --out DIR  (writes DIR instead)
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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

const html = `<!doctype html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="سامانهٔ صدور مجوز فک پلاک خودروهای دولتی">
<meta name="theme-color" content="#1d3f94">
<title>سامانهٔ مجوز فک پلاک</title>
<link rel="icon" href="data:,">
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
