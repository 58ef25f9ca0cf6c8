// Writes client/generated/errors.ts: every error the system's contracts can revert with (their ABIs, inherited
// OpenZeppelin errors included), each with its one explanation for people — the error's NatSpec `@notice` from the
// compiler's `userdoc` output, or, for an inherited error without one, its line in client/inherited-errors.ts.
// Runs after every `hardhat build` (hardhat.config.ts); `node scripts/generate-client.ts` runs it by hand.
// scripts/check-errors.ts fails unless each error has exactly one explanation (collectErrorDocs reports the problems).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ErrorFragment, id } from "ethers";
import type { ErrorDoc } from "../client/errors.ts";
import { INHERITED_ERROR_EXPLANATIONS } from "../client/inherited-errors.ts";
import { generateAbis } from "./gen-abi.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const GENERATED_ERRORS = join(ROOT, "client", "generated", "errors.ts");
/** Production sources only: test doubles and benchmark wrappers are not the system. */
const EXCLUDED = ["contracts/mocks/", "contracts/bench/"];

interface Artifact {
  contractName: string;
  sourceName: string;
  inputSourceName: string;
  buildInfoId: string;
  abi: { type: string; name?: string; inputs?: unknown[] }[];
}

type Userdoc = { errors?: Record<string, { notice?: string }[]> };

function* artifactFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* artifactFiles(path);
    else if (path.endsWith(".json") && !path.endsWith(".dbg.json") && entry !== "artifacts.d.ts") yield path;
  }
}

/** The project's production artifacts (contracts/, without mocks and benchmarks). */
function productionArtifacts(artifactsDir: string): Artifact[] {
  const root = join(artifactsDir, "contracts");
  const found: Artifact[] = [];
  for (const path of artifactFiles(root)) {
    const artifact = JSON.parse(readFileSync(path, "utf8")) as Artifact;
    if (artifact.sourceName === undefined || artifact.buildInfoId === undefined) continue;
    if (EXCLUDED.some((prefix) => artifact.sourceName.startsWith(prefix))) continue;
    found.push(artifact);
  }
  return found.sort((a, b) => `${a.sourceName}:${a.contractName}`.localeCompare(`${b.sourceName}:${b.contractName}`));
}

/**
 * Every error in the production ABIs with its explanation, and the problems that break "exactly one explanation per
 * error": none, two (a `@notice` and a table line), two different notices for one signature, or a table line for an
 * error no ABI carries.
 */
export function collectErrorDocs(artifactsDir = join(ROOT, "artifacts")): { errors: ErrorDoc[]; problems: string[] } {
  const artifacts = productionArtifacts(artifactsDir);
  const outputs = new Map<string, { contracts: Record<string, Record<string, { userdoc?: Userdoc }>> }>();
  const notices = new Map<string, Set<string>>();
  const abiErrors = new Map<string, { fragment: ErrorFragment; contracts: Set<string> }>();

  for (const artifact of artifacts) {
    let output = outputs.get(artifact.buildInfoId);
    if (output === undefined) {
      const file = join(artifactsDir, "build-info", `${artifact.buildInfoId}.output.json`);
      output = (JSON.parse(readFileSync(file, "utf8")) as { output: typeof output }).output!;
      outputs.set(artifact.buildInfoId, output);
    }
    const userdoc = output.contracts[artifact.inputSourceName]?.[artifact.contractName]?.userdoc;
    for (const [signature, docs] of Object.entries(userdoc?.errors ?? {})) {
      for (const doc of docs) {
        const notice = doc.notice?.trim();
        if (notice === undefined || notice === "") continue;
        if (!notices.has(signature)) notices.set(signature, new Set());
        notices.get(signature)!.add(notice.replace(/\s+/g, " "));
      }
    }
    for (const item of artifact.abi) {
      if (item.type !== "error") continue;
      const fragment = ErrorFragment.from(item);
      const signature = fragment.format("sighash");
      if (!abiErrors.has(signature)) abiErrors.set(signature, { fragment, contracts: new Set() });
      abiErrors.get(signature)!.contracts.add(artifact.contractName);
    }
  }

  const problems: string[] = [];
  const errors: ErrorDoc[] = [];
  for (const [signature, { fragment, contracts }] of [...abiErrors].sort(([a], [b]) => a.localeCompare(b))) {
    const written = notices.get(signature);
    const inherited = INHERITED_ERROR_EXPLANATIONS[signature];
    if (written !== undefined && written.size > 1) {
      problems.push(`error ${signature} has ${written.size} different @notice texts: declare it once`);
    }
    if (written !== undefined && inherited !== undefined) {
      problems.push(`error ${signature} has both a @notice and a line in client/inherited-errors.ts: keep one`);
    }
    if (written === undefined && inherited === undefined) {
      problems.push(
        `error ${signature} (${[...contracts].join(", ")}) has no explanation: give it a @notice, or a line in ` +
          "client/inherited-errors.ts if it is inherited",
      );
    }
    const explanation = written !== undefined ? [...written][0] : (inherited ?? "");
    errors.push({
      name: fragment.name,
      signature,
      selector: id(signature).slice(0, 10),
      fragment: fragment.format("full"),
      explanation,
      source: written !== undefined ? "natspec" : "inherited",
      contracts: [...contracts].sort(),
    });
  }
  for (const signature of Object.keys(INHERITED_ERROR_EXPLANATIONS)) {
    if (!abiErrors.has(signature)) {
      problems.push(`client/inherited-errors.ts explains ${signature}, which no production ABI carries: remove it`);
    }
  }
  return { errors, problems };
}

/** Writes client/generated/errors.ts and client/generated/abis.ts from the artifacts in `artifactsDir`. */
export async function generateClient(artifactsDir = join(ROOT, "artifacts")): Promise<void> {
  const { errors } = collectErrorDocs(artifactsDir);
  const body = [
    "// Generated by scripts/generate-client.ts after each build, from the compiler's output (each error's NatSpec",
    "// `@notice`) and client/inherited-errors.ts. Do not edit; do not commit.",
    'import type { ErrorDoc } from "../errors.ts";',
    "",
    `export const ERROR_DOCS: readonly ErrorDoc[] = ${JSON.stringify(errors, null, 2)};`,
    "",
  ].join("\n");
  mkdirSync(dirname(GENERATED_ERRORS), { recursive: true });
  let current = "";
  try {
    current = readFileSync(GENERATED_ERRORS, "utf8");
  } catch {
    // First build.
  }
  if (current !== body) writeFileSync(GENERATED_ERRORS, body);
  generateAbis(artifactsDir);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await generateClient();
  console.log(`wrote ${relative(process.cwd(), GENERATED_ERRORS)}`);
}
