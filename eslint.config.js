// ESLint for the TypeScript side (tasks, scripts, tests, deployment modules); Solidity has solhint (.solhint.yaml).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "artifacts/", "cache/", "types/", "coverage/", "deploy/deployments/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  // A value set once, after closures that read it are defined (the seed story's quote asset), stays `let`.
  { rules: { "prefer-const": ["error", { ignoreReadBeforeAssign: true }] } },
);
