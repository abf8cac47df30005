// Who may import whom (docs/architecture.md): core/ is pure and shared by the browser, Node and the tests, so it
// touches no DOM and no Node API and imports nothing outside itself; Node code (src/lib, src/data, bin, bench)
// reaches into src/components only through core/; tests never import the benchmark.
import {readdirSync, readFileSync, statSync} from "node:fs";
import {dirname, join, relative, resolve} from "node:path";
import ts from "typescript";
import {describe, expect, test} from "vitest";
import {REPO_ROOT} from "../support/shared-data.ts";

const COMPONENTS = join(REPO_ROOT, "src/components");
const CORE = join(COMPONENTS, "core");

/** Browser globals a pure module must not use. */
const BROWSER_GLOBALS = new Set([
  "document",
  "window",
  "navigator",
  "location",
  "history",
  "localStorage",
  "sessionStorage",
  "caches",
  "self",
  "Worker",
  "HTMLElement",
  "HTMLCanvasElement",
  "ImageData",
  "createImageBitmap",
  "requestAnimationFrame"
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name.startsWith(".")) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** Every module specifier: static imports and re-exports, dynamic import(), import.meta.resolve(). */
function specifiers(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0]!)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isResolve = ts.isPropertyAccessExpression(callee) && callee.name.text === "resolve" && ts.isMetaProperty(callee.expression);
      if (isImport || isResolve) found.push((node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Identifiers that read a browser global (not property names, object keys or declarations of the same name). */
function browserGlobals(source: ts.SourceFile): string[] {
  const used: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text)) {
      const parent = node.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isPropertySignature(parent) && parent.name === node) ||
        (ts.isPropertyDeclaration(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node) ||
        (ts.isParameter(parent) && parent.name === node) ||
        (ts.isVariableDeclaration(parent) && parent.name === node) ||
        ts.isBindingElement(parent);
      if (!isPropertyName) used.push(`${node.text} (line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return used;
}

const isRelative = (spec: string) => spec.startsWith("./") || spec.startsWith("../");
const within = (path: string, dir: string) => !relative(dir, path).startsWith("..");
const rel = (path: string) => relative(REPO_ROOT, path);

describe("core/ is pure", () => {
  const files = sourceFiles(CORE);

  test("there are core modules to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(files.map((file) => [rel(file), file]))("%s uses no browser globals", (_, file) => {
    expect(browserGlobals(parse(file))).toEqual([]);
  });

  test.each(files.map((file) => [rel(file), file]))("%s imports only core modules and npm packages, no Node built-ins", (_, file) => {
    const outside = specifiers(parse(file)).filter((spec) =>
      isRelative(spec) ? !within(resolve(dirname(file), spec), CORE) : spec.startsWith("node:")
    );
    expect(outside).toEqual([]);
  });
});

describe("Node code reaches into src/components only through core/", () => {
  const roots = ["src/lib", "src/data", "bin", "bench"].map((dir) => join(REPO_ROOT, dir));
  const files = roots.flatMap((root) => sourceFiles(root));

  test.each(files.map((file) => [rel(file), file]))("%s", (_, file) => {
    const wrong = specifiers(parse(file))
      .filter(isRelative)
      .map((spec) => resolve(dirname(file), spec))
      .filter((target) => within(target, COMPONENTS) && !within(target, CORE))
      .map(rel);
    expect(wrong).toEqual([]);
  });
});

describe("tests never import the benchmark", () => {
  const files = sourceFiles(join(REPO_ROOT, "test"));

  test.each(files.map((file) => [rel(file), file]))("%s", (_, file) => {
    const fromBench = specifiers(parse(file))
      .filter(isRelative)
      .map((spec) => resolve(dirname(file), spec))
      .filter((target) => within(target, join(REPO_ROOT, "bench")))
      .map(rel);
    expect(fromBench).toEqual([]);
  });
});

describe("the checks catch what they are for", () => {
  const probe = (text: string) => ts.createSourceFile("probe.ts", text, ts.ScriptTarget.Latest, true);

  test("a core module that touches document or window is caught", () => {
    expect(browserGlobals(probe(`export const w = () => document.createElement("div");`))).toEqual(["document (line 1)"]);
    expect(browserGlobals(probe(`export const h = window.innerWidth;`))).toEqual(["window (line 1)"]);
  });

  test("names that merely look alike are not", () => {
    expect(browserGlobals(probe(`const o = {document: 1}; export const d = o.document;`))).toEqual([]);
    expect(browserGlobals(probe(`// the pooling window\nexport const windowOutputSize = 3;`))).toEqual([]);
  });

  test("every kind of import is seen", () => {
    const found = specifiers(probe(`import a from "./a.js"; export {b} from "../b.js"; const c = import("./c.js"); const d = import.meta.resolve("./d.js");`));
    expect(found).toEqual(["./a.js", "../b.js", "./c.js", "./d.js"]);
  });
});
