/**
 * anvil's ten default accounts (mnemonic "test test … junk"). They are public test accounts:
 * never send real funds to them.
 *
 * Roles in local mode: #0 settles payments (the facilitator, pays gas), #1 is the browser dev
 * wallet and the default admin, #2–#8 are payers for scripts and tests, #9 receives payments
 * (the publisher's PAY_TO). #1–#9 start with TestUSDC.
 *
 * Addresses only: this module is imported by client code. Private keys live in `./keys.ts`.
 */
import type { Address } from "viem";

const ADDRESSES = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
  "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
] as const satisfies readonly Address[];

export const ANVIL_ACCOUNTS = ADDRESSES.map((address, index) => ({ index, address }));

export const FACILITATOR_ACCOUNT = 0;
export const DEV_WALLET_ACCOUNT = 1;
export const PAYER_ACCOUNTS = [2, 3, 4, 5, 6, 7, 8] as const;
export const PAY_TO_ACCOUNT = 9;

export function anvilAddress(index: number): Address {
  const address = ADDRESSES[index];
  if (!address) throw new Error(`anvil has no default account #${index}`);
  return address;
}
