#!/usr/bin/env node
// The sources are TypeScript run through tsx (no build step), as `npm start` runs them.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
