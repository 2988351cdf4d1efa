/** Words for what wallets throw. viem/wagmi errors carry a code (EIP-1193) and a short message. */
export function isUserRejection(error: unknown): boolean {
  let current: unknown = error;
  while (current && typeof current === "object") {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (code === 4001 || name === "UserRejectedRequestError") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function describeWalletError(error: unknown): string {
  if (isUserRejection(error)) return "You declined the request in your wallet.";
  if (error && typeof error === "object" && "shortMessage" in error && typeof error.shortMessage === "string") {
    return error.shortMessage;
  }
  if (error instanceof Error) {
    // A connector whose optional SDK the operator did not install (WalletConnect): the bundler's words.
    const missing = /Cannot find module '([^']+)'/.exec(error.message)?.[1];
    if (missing) return `This wallet isn't set up on this site (${missing} is not installed). Choose another wallet.`;
    return error.message.split("\n")[0] ?? "Something went wrong.";
  }
  return "Something went wrong.";
}
