/**
 * Runs once as the server starts (`next start`, `next dev`): the configuration is checked before
 * anything is served (see lib/startup.ts).
 */
export async function register() {
  // Next also compiles this file for the Edge runtime, which this app does not use; NEXT_RUNTIME is
  // Next's own build-time constant, not configuration.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitUnlessConfigured } = await import("./lib/server/startup");
    await exitUnlessConfigured();
  }
}
