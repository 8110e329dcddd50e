/**
 * Builds a package's API reports from its built declaration files, one per entry point: API
 * Extractor's `.api.md`, followed by the resolved signatures of every method a user can call on the
 * classes the package itself exports, resources included (`apiTokens.delete(id: string, ...)`). API Extractor prints
 * a vendor client as `interface Archil extends ResourcesOf<paths, typeof spec>`; the resolved list
 * says what that means for a caller, which is what a spec change alters.
 * Nothing is written to the package: the caller compares or writes the returned text.
 */
import { realpathSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Extractor, ExtractorConfig } from "@microsoft/api-extractor";
import ts from "typescript";
import type { EntryPoint, PublishedPackage } from "./packages.ts";

const COMPILER_OPTIONS = {
  strict: true,
  target: "es2022",
  module: "nodenext",
  moduleResolution: "nodenext",
  skipLibCheck: true,
  types: ["node"],
} as const;

async function extractorReport(packageDir: string, entry: EntryPoint, scratch: string): Promise<string> {
  const reportName = entry.reportFile.replace(/\.api\.md$/, "");
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: packageDir,
      newlineKind: "lf",
      mainEntryPointFilePath: join(packageDir, entry.types),
      compiler: { overrideTsconfig: { compilerOptions: COMPILER_OPTIONS } },
      apiReport: {
        enabled: true,
        reportFolder: scratch,
        reportTempFolder: join(scratch, "temp"),
        reportFileName: reportName,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
    },
    configObjectFullPath: join(packageDir, "api-extractor.json"),
    packageJsonFullPath: join(packageDir, "package.json"),
  });
  const problems: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: true,
    messageCallback: (message) => {
      // Missing release tags and the like are style matters; only real errors stop the report.
      if (message.logLevel === "error") problems.push(message.text);
      message.handled = true;
    },
  });
  if (!result.succeeded || problems.length > 0) {
    throw new Error(`API Extractor failed on ${entry.types}:\n${problems.join("\n")}`);
  }
  return readFile(join(scratch, entry.reportFile), "utf8");
}

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;

/** A dependency's type (openapi-fetch's client behind `raw`): its methods are that library's API, not ours. */
function isThirdParty(type: ts.Type): boolean {
  const declaration = (type.aliasSymbol ?? type.getSymbol())?.declarations?.[0];
  return declaration?.getSourceFile().fileName.includes("/node_modules/") === true;
}

function callableLines(checker: ts.TypeChecker, owner: string, type: ts.Type, depth: number, out: string[]): void {
  for (const property of checker.getPropertiesOfType(type)) {
    const name = property.getName();
    if (name.startsWith("#") || name.startsWith("__")) continue;
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const modifiers = declaration ? ts.getCombinedModifierFlags(declaration) : 0;
    if (modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    const memberType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : undefined;
    if (!memberType) continue;
    const path = `${owner}.${name}`;
    const signatures = memberType.getCallSignatures();
    if (signatures.length > 0) {
      for (const signature of signatures) out.push(`${path}${checker.signatureToString(signature, undefined, FORMAT)}`);
    } else if (depth > 0 && memberType.flags & ts.TypeFlags.Object && !isThirdParty(memberType)) {
      callableLines(checker, path, memberType, depth - 1, out);
    }
  }
}

/** `Archil#apiTokens.delete(id: string, options?: DeleteOptions): Promise<DeleteResult>` for each exported class. */
function resolvedMethods(declarationFile: string, ownFolder: string): string[] {
  const program = ts.createProgram([declarationFile], {
    ...ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, "").options,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(declarationFile);
  const moduleSymbol = source ? checker.getSymbolAtLocation(source) : undefined;
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${declarationFile}`);
  const lines: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
    // Classes re-exported from another package (core's, in a vendor package) are reported there.
    if (!symbol.declarations?.some((node) => node.getSourceFile().fileName.startsWith(ownFolder))) continue;
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const methods: string[] = [];
    callableLines(checker, exported.getName(), instance, 1, methods);
    lines.push(...methods.map((line) => line.replace(`${exported.getName()}.`, `${exported.getName()}#`)));
  }
  return lines.sort();
}

export async function buildReports(root: string, pkg: PublishedPackage): Promise<Map<string, string>> {
  const packageDir = join(root, "packages", pkg.folder);
  const scratch = await mkdtemp(join(tmpdir(), "sdkforge-api-report-"));
  try {
    const reports = new Map<string, string>();
    for (const entry of pkg.entryPoints) {
      const declarationFile = join(packageDir, entry.types);
      if (
        !(await readFile(declarationFile, "utf8").then(
          () => true,
          () => false,
        ))
      ) {
        throw new Error(`packages/${pkg.folder}/${entry.types} is missing: build the package first (pnpm build)`);
      }
      const extractor = await extractorReport(packageDir, entry, scratch);
      const methods = resolvedMethods(declarationFile, `${realpathSync(packageDir)}/`);
      const resolved =
        methods.length === 0
          ? ""
          : `\n## Methods of the exported classes, resolved\n\n\`\`\`ts\n${methods.join("\n")}\n\`\`\`\n`;
      reports.set(entry.reportFile, extractor + resolved);
    }
    return reports;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
