// Coverage snapshot, run by `npm run coverage` after `hardhat test --coverage`: reads coverage/lcov.info and writes
// the line coverage of each production file, and of all of them together, to snapshots/coverage.json (committed, so
// review sees a change of coverage in a diff, as it sees a change of gas). Hardhat's lcov file carries lines only;
// the statement percentages are in the table the coverage run prints.
import { readFileSync } from "node:fs";
import { writeSnapshot } from "./bench-common.ts";

const lcov = readFileSync("coverage/lcov.info", "utf8");
const files: { path: string; found: number; hit: number }[] = [];
let path = "";
let found = 0;
let hit = 0;
for (const line of lcov.split("\n")) {
  if (line.startsWith("SF:")) path = line.slice(3);
  else if (line.startsWith("LF:")) found = Number(line.slice(3));
  else if (line.startsWith("LH:")) hit = Number(line.slice(3));
  else if (line === "end_of_record") files.push({ path, found, hit });
}
if (files.length === 0) throw new Error("coverage/lcov.info lists no file: run `hardhat test --coverage` first");

/** Percent with two decimals, as Hardhat prints it. */
const percent = (covered: number, total: number) => (total === 0 ? 100 : Number(((covered * 100) / total).toFixed(2)));

const figures: Record<string, number> = {};
for (const file of files.sort((a, b) => a.path.localeCompare(b.path))) {
  figures[`${file.path} (line %)`] = percent(file.hit, file.found);
}
const totalFound = files.reduce((sum, file) => sum + file.found, 0);
const totalHit = files.reduce((sum, file) => sum + file.hit, 0);
figures["total (line %)"] = percent(totalHit, totalFound);
figures["total lines not covered"] = totalFound - totalHit;
writeSnapshot("coverage", figures);
