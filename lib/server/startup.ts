/**
 * A bad environment stops the server as it starts, with lib/env.ts's message naming the setting,
 * rather than leaving a server up that fails every request.
 */
export async function exitUnlessConfigured(): Promise<void> {
  try {
    await import("@/lib/env");
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\nThe server did not start.\n`);
    process.exit(1);
  }
}
