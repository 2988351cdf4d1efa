import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * Is the module at `moduleUrl` (its `import.meta.url`) the script node was started with? Lets a
 * script be run as a command and imported by another script too.
 */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
