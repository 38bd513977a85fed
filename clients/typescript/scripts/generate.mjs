// Generates src/schema.d.ts from the service's committed OpenAPI document.
//
// Equivalent to `openapi-typescript ../../openapi/openapi.json -o src/schema.d.ts`, plus the one
// transform the openapi-typescript documentation gives for file uploads: the CLI types
// `format: binary` as `string`, which a `Blob` (what `FormData` takes) is not, so an upload body
// would need a cast. Here `format: binary` becomes `Blob` and no cast is needed.
// See https://openapi-ts.dev/node ("Example: Blob types").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = path.resolve(here, "../../../openapi/openapi.json");
const out = path.resolve(here, "../src/schema.d.ts");

const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const NULL = ts.factory.createLiteralTypeNode(ts.factory.createNull());

const ast = await openapiTS(new URL(`file://${spec}`), {
  transform(schemaObject) {
    if (schemaObject.format === "binary") {
      const types = Array.isArray(schemaObject.type) ? schemaObject.type : [schemaObject.type];
      return types.includes("null") ? ts.factory.createUnionTypeNode([BLOB, NULL]) : BLOB;
    }
    return undefined;
  },
});

fs.writeFileSync(out, astToString(ast));
console.log(`wrote ${path.relative(process.cwd(), out)}`);
