/**
 * Prepares and operates the local anvil chain: Multicall3 at its canonical address, TestUSDC at
 * LOCAL_USDC_ADDRESS, and test USDC for accounts #1–#9 (see ./accounts.ts for their roles).
 * Server-side only: it signs with anvil account #0.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  nonceManager,
  type Address,
  type Hex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { LOCAL_USDC_ADDRESS, NETWORKS, toViemChain } from "../networks";
import { ANVIL_ACCOUNTS, FACILITATOR_ACCOUNT } from "./accounts";
import {
  multicall3DeployedBytecode,
  MULTICALL3_ADDRESS,
  testUsdcAbi,
  testUsdcBytecode,
} from "./contracts";
import { anvilKey } from "./keys";

/** What setupLocalChain tops accounts #1–#9 up to: 1,000 USDC in atomic units (6 decimals). */
export const LOCAL_USDC_FUNDING = 1_000_000_000n;

/** The local chain as viem sees it; the RPC URL is passed per call instead. */
export const localChain = defineChain({
  ...toViemChain(NETWORKS.local, NETWORKS.local.defaultRpcUrl),
  contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
});

/**
 * Account #0 signs the setup and mint transactions. It is also the local facilitator's key; when
 * that account uses viem's shared `nonceManager` too, a mint and a settlement sent at the same
 * time never pick the same nonce.
 */
const deployer = privateKeyToAccount(anvilKey(FACILITATOR_ACCOUNT), { nonceManager });

function clients(rpcUrl: string) {
  const transport = http(rpcUrl);
  return {
    // anvil mines at once; viem's default 4 s receipt polling would only hold scripts open at exit.
    publicClient: createPublicClient({ chain: localChain, transport, pollingInterval: 100 }),
    walletClient: createWalletClient({ account: deployer, chain: localChain, transport }),
  };
}

/**
 * Makes the chain at `rpcUrl` ready for local mode; safe to run on every start. On a fresh chain it
 * deploys TestUSDC as account #0's first transaction, which is how its address is known in advance.
 */
export async function setupLocalChain(rpcUrl: string): Promise<{ usdc: Address }> {
  const { publicClient } = clients(rpcUrl);
  // The manager never hands out a nonce below one it handed out before, for any chain with this id:
  // after anvil restarts from scratch under a long-lived process, it would count from the old chain.
  nonceManager.reset({ address: deployer.address, chainId: localChain.id });
  const chainId = await publicClient.getChainId();
  if (chainId !== localChain.id) {
    throw new Error(`the chain at ${rpcUrl} has id ${chainId}; local mode needs ${localChain.id} (anvil --chain-id)`);
  }

  // Placed rather than deployed: the canonical address comes from a keyless deployment on real chains.
  const testClient = createTestClient({ mode: "anvil", chain: localChain, transport: http(rpcUrl) });
  if ((await publicClient.getCode({ address: MULTICALL3_ADDRESS })) !== multicall3DeployedBytecode) {
    await testClient.setCode({ address: MULTICALL3_ADDRESS, bytecode: multicall3DeployedBytecode });
  }

  if (!(await publicClient.getCode({ address: LOCAL_USDC_ADDRESS }))) await deployTestUsdc(rpcUrl);
  await assertTestUsdc(rpcUrl);
  await fundAccounts(rpcUrl);
  return { usdc: LOCAL_USDC_ADDRESS };
}

async function deployTestUsdc(rpcUrl: string) {
  const { publicClient, walletClient } = clients(rpcUrl);
  const nonce = await publicClient.getTransactionCount({ address: deployer.address });
  if (nonce !== 0) {
    throw new Error(
      `no TestUSDC at ${LOCAL_USDC_ADDRESS}, but anvil account #0 has already sent ${nonce} transaction(s), ` +
        "so it can no longer deploy there. Start from a fresh chain (restart anvil, or delete its --state file).",
    );
  }
  // Nonce 0 is what puts it at LOCAL_USDC_ADDRESS.
  const hash = await walletClient.deployContract({ abi: testUsdcAbi, bytecode: testUsdcBytecode, nonce: 0 });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || receipt.contractAddress?.toLowerCase() !== LOCAL_USDC_ADDRESS.toLowerCase()) {
    throw new Error(`deploying TestUSDC failed (tx ${hash}, contract ${receipt.contractAddress ?? "none"})`);
  }
}

/** The code at LOCAL_USDC_ADDRESS must be a token whose EIP-712 domain x402 can sign against. */
async function assertTestUsdc(rpcUrl: string) {
  const { publicClient } = clients(rpcUrl);
  const expected = NETWORKS.local.usdc.eip712;
  const [name, version] = await Promise.all([
    publicClient.readContract({ address: LOCAL_USDC_ADDRESS, abi: testUsdcAbi, functionName: "name" }),
    publicClient.readContract({ address: LOCAL_USDC_ADDRESS, abi: testUsdcAbi, functionName: "version" }),
  ]);
  if (name !== expected.name || version !== expected.version) {
    throw new Error(
      `the contract at ${LOCAL_USDC_ADDRESS} reports name "${name}", version "${version}"; ` +
        `expected "${expected.name}", "${expected.version}". Start from a fresh chain.`,
    );
  }
}

/** Tops accounts #1–#9 up to LOCAL_USDC_FUNDING; accounts that already hold that much are left alone. */
async function fundAccounts(rpcUrl: string) {
  const accounts = ANVIL_ACCOUNTS.filter(({ index }) => index !== FACILITATOR_ACCOUNT).map(({ address }) => address);
  const balances = await Promise.all(accounts.map((address) => usdcBalanceOf(rpcUrl, address)));
  await Promise.all(
    accounts.map((address, i) => {
      const missing = LOCAL_USDC_FUNDING - (balances[i] ?? 0n);
      return missing > 0n ? mintTestUsdc(rpcUrl, address, missing) : undefined;
    }),
  );
}

/** TestUSDC balance of `address`, in atomic units. */
export async function usdcBalanceOf(rpcUrl: string, address: Address): Promise<bigint> {
  return clients(rpcUrl).publicClient.readContract({
    address: LOCAL_USDC_ADDRESS,
    abi: testUsdcAbi,
    functionName: "balanceOf",
    args: [address],
  });
}

/** Mints `amount` atomic units of TestUSDC to `to` (sent by account #0); resolves once it is mined. */
export async function mintTestUsdc(rpcUrl: string, to: Address, amount: bigint): Promise<Hex> {
  const { publicClient, walletClient } = clients(rpcUrl);
  const hash = await walletClient.writeContract({
    address: LOCAL_USDC_ADDRESS,
    abi: testUsdcAbi,
    functionName: "mint",
    args: [to, amount],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`minting TestUSDC failed (tx ${hash})`);
  return hash;
}
