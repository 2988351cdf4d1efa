/**
 * Prepares and operates the local anvil chain: Multicall3 at its canonical address, TestUSDC at
 * LOCAL_USDC_ADDRESS, and test USDC for accounts #1–#9 (see lib/local-defaults.ts for their roles).
 * `placeTestUsdc` makes an anvil stand in for another network the same way, offline.
 * Server-side only: it signs with anvil account #0.
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  erc20Abi,
  http,
  nonceManager,
  type Address,
  type Chain,
  type Hex,
} from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { LOCAL_USDC_ADDRESS, NETWORKS, toViemChain, type NetworkConfig } from "@/lib/networks";
import { ANVIL_ACCOUNTS, anvilKey, FACILITATOR_ACCOUNT } from "@/lib/local-defaults";
import {
  multicall3DeployedBytecode,
  MULTICALL3_ADDRESS,
  testUsdcAbi,
  testUsdcBytecode,
  testUsdcDeployedBytecode,
} from "./contracts";

/** What setupLocalChain tops accounts #1–#9 up to: 1,000 USDC in atomic units (6 decimals). */
export const LOCAL_USDC_FUNDING = 1_000_000_000n;

/** A network's chain as viem sees it, with Multicall3; the RPC URL is passed per call instead. */
function chainOf(network: NetworkConfig): Chain {
  return defineChain({
    ...toViemChain(network, network.defaultRpcUrl),
    contracts: { multicall3: { address: MULTICALL3_ADDRESS } },
  });
}

/** The local chain as viem sees it; the RPC URL is passed per call instead. */
export const localChain = chainOf(NETWORKS.local);

/**
 * Account #0 signs the setup and mint transactions. It is also the local facilitator's key; when
 * that account uses viem's shared `nonceManager` too, a mint and a settlement sent at the same
 * time never pick the same nonce.
 */
const deployer = privateKeyToAccount(anvilKey(FACILITATOR_ACCOUNT), { nonceManager });

function clients(rpcUrl: string, network: NetworkConfig = NETWORKS.local) {
  const transport = http(rpcUrl);
  const chain = chainOf(network);
  return {
    // anvil mines at once; viem's default 4 s receipt polling would only hold scripts open at exit.
    publicClient: createPublicClient({ chain, transport, pollingInterval: 100 }),
    walletClient: createWalletClient({ account: deployer, chain, transport }),
    testClient: createTestClient({ mode: "anvil", chain, transport }),
  };
}

/** Checks the chain's id (`purpose` names what needs it) and resets account #0's nonces there. */
async function prepareChain(rpcUrl: string, network: NetworkConfig, purpose: string) {
  // The manager never hands out a nonce below one it handed out before, for any chain with this id:
  // after anvil restarts from scratch under a long-lived process, it would count from the old chain.
  nonceManager.reset({ address: deployer.address, chainId: network.chainId });
  const chainId = await clients(rpcUrl, network).publicClient.getChainId();
  if (chainId !== network.chainId) {
    throw new Error(`the chain at ${rpcUrl} has id ${chainId}; ${purpose} needs ${network.chainId} (anvil --chain-id)`);
  }
}

/** Placed rather than deployed: the canonical address comes from a keyless deployment on real chains. */
async function placeMulticall3(rpcUrl: string, network: NetworkConfig) {
  const { publicClient, testClient } = clients(rpcUrl, network);
  if ((await publicClient.getCode({ address: MULTICALL3_ADDRESS })) !== multicall3DeployedBytecode) {
    await testClient.setCode({ address: MULTICALL3_ADDRESS, bytecode: multicall3DeployedBytecode });
  }
}

/**
 * Makes the chain at `rpcUrl` ready for local mode; safe to run on every start. On a fresh chain it
 * deploys TestUSDC as account #0's first transaction, which is how its address is known in advance.
 */
export async function setupLocalChain(rpcUrl: string): Promise<{ usdc: Address }> {
  const network = NETWORKS.local;
  await prepareChain(rpcUrl, network, "local mode");
  await placeMulticall3(rpcUrl, network);
  if (!(await clients(rpcUrl).publicClient.getCode({ address: LOCAL_USDC_ADDRESS }))) await deployTestUsdc(rpcUrl);
  await assertTestUsdc(rpcUrl, network);
  const funded = ANVIL_ACCOUNTS.filter(({ index }) => index !== FACILITATOR_ACCOUNT).map(({ address }) => address);
  await fundAccounts(rpcUrl, network, funded);
  return { usdc: LOCAL_USDC_ADDRESS };
}

/**
 * Makes an anvil started with `network`'s chain id stand in for that network, offline: TestUSDC's
 * code at the network's real USDC address (TestUSDC has no constructor, so the code is the whole
 * contract; its EIP-712 domain must be the network's, as on Base Sepolia), Multicall3, and
 * `accounts` topped up to LOCAL_USDC_FUNDING. Safe to run again.
 */
export async function placeTestUsdc(rpcUrl: string, network: NetworkConfig, accounts: readonly Address[]): Promise<void> {
  await prepareChain(rpcUrl, network, `standing in for ${network.label}`);
  await placeMulticall3(rpcUrl, network);
  const { publicClient, testClient } = clients(rpcUrl, network);
  const address = network.usdc.address;
  if ((await publicClient.getCode({ address })) !== testUsdcDeployedBytecode) {
    await testClient.setCode({ address, bytecode: testUsdcDeployedBytecode });
  }
  await assertTestUsdc(rpcUrl, network);
  await fundAccounts(rpcUrl, network, accounts);
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

/** The code at the network's USDC address must be a token whose EIP-712 domain x402 can sign against. */
async function assertTestUsdc(rpcUrl: string, network: NetworkConfig) {
  const { publicClient } = clients(rpcUrl, network);
  const { address, eip712: expected } = network.usdc;
  const [name, version] = await Promise.all([
    publicClient.readContract({ address, abi: testUsdcAbi, functionName: "name" }),
    publicClient.readContract({ address, abi: testUsdcAbi, functionName: "version" }),
  ]);
  if (name !== expected.name || version !== expected.version) {
    throw new Error(
      `the contract at ${address} reports name "${name}", version "${version}"; ` +
        `expected "${expected.name}", "${expected.version}". Start from a fresh chain.`,
    );
  }
}

/** Tops `accounts` up to LOCAL_USDC_FUNDING; accounts that already hold that much are left alone. */
async function fundAccounts(rpcUrl: string, network: NetworkConfig, accounts: readonly Address[]) {
  const balances = await Promise.all(accounts.map((address) => usdcBalanceOf(rpcUrl, address, network)));
  await Promise.all(
    accounts.map((address, i) => {
      const missing = LOCAL_USDC_FUNDING - (balances[i] ?? 0n);
      return missing > 0n ? mintTestUsdc(rpcUrl, address, missing, network) : undefined;
    }),
  );
}

/** TestUSDC balance of `address` on `network` (the local chain by default), in atomic units. */
export async function usdcBalanceOf(rpcUrl: string, address: Address, network: NetworkConfig = NETWORKS.local): Promise<bigint> {
  return clients(rpcUrl, network).publicClient.readContract({
    address: network.usdc.address,
    abi: testUsdcAbi,
    functionName: "balanceOf",
    args: [address],
  });
}

/**
 * Mints `amount` atomic units of TestUSDC on `network` (the local chain by default) to `to`, sent
 * by account #0; resolves once it is mined.
 */
export async function mintTestUsdc(rpcUrl: string, to: Address, amount: bigint, network: NetworkConfig = NETWORKS.local): Promise<Hex> {
  const { publicClient, walletClient } = clients(rpcUrl, network);
  const hash = await walletClient.writeContract({
    address: network.usdc.address,
    abi: testUsdcAbi,
    functionName: "mint",
    args: [to, amount],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`minting TestUSDC failed (tx ${hash})`);
  return hash;
}

/**
 * `count` new local accounts, each sent `amount` TestUSDC by anvil account #8 (not #0: the site's
 * facilitator settles with #0, and a second sender of #0's transactions would race it for nonces).
 * Resolves once every transfer is mined.
 */
export async function newFundedPayers(rpcUrl: string, count: number, amount: bigint): Promise<PrivateKeyAccount[]> {
  const funder = privateKeyToAccount(anvilKey(8));
  const { publicClient } = clients(rpcUrl);
  const walletClient = createWalletClient({ account: funder, chain: localChain, transport: http(rpcUrl) });
  const payers = Array.from({ length: count }, () => privateKeyToAccount(generatePrivateKey()));
  for (const payer of payers) {
    const hash = await walletClient.writeContract({
      address: LOCAL_USDC_ADDRESS,
      abi: erc20Abi,
      functionName: "transfer",
      args: [payer.address, amount],
    });
    await publicClient.waitForTransactionReceipt({ hash });
  }
  return payers;
}
