// `npm run screenshots`: a picture of each main page on the seeded chain, written to docs/screenshots/ for the README
// (run through e2e/run.ts, which starts the stack). Tests keep their own screenshots in the git-ignored e2e/screenshots/.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { CAST, connect, deployment, launch, openApp } from "./helpers/session.ts";
import { openOffering } from "./helpers/story.ts";

const out = join(import.meta.dirname, "..", "docs", "screenshots");
mkdirSync(out, { recursive: true });
await openOffering();
const browser = await launch();
const pages: [name: string, account: number, hash: string, ready: string][] = [
  ["directory", CAST.mentor2, "#/", "directory"],
  ["token", CAST.mentor2, `#/token/${deployment.token}`, "buy-panel"],
  ["portfolio", CAST.collaborator, "#/portfolio", "positions"],
  ["investor", CAST.mentor2, `#/investor/${deployment.cast.mentor1}`, "record-tokens"],
  ["leaderboard", CAST.mentor2, "#/leaderboard", "leaderboard"],
  ["console", CAST.registrar, "#/console", "registrar"],
];
try {
  for (const [name, account, hash, ready] of pages) {
    const { page, context } = await openApp(browser, account, hash);
    await connect(page);
    await page.getByTestId(ready).first().waitFor();
    await page.waitForTimeout(1500); // chain reads settle
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
    await context.close();
    console.log(`docs/screenshots/${name}.png`);
  }
} finally {
  await browser.close();
}
