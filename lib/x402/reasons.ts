/**
 * Words for the machine-readable reasons a payment is refused. The codes come from the x402
 * packages (they differ between SDK versions, so unknown codes still get a sentence) and from
 * this app's own checks.
 */
const MESSAGES: Record<string, string> = {
  payment_required: "This resource requires payment.",
  invalid_payment_header: "The PAYMENT-SIGNATURE header is not a base64-encoded x402 v2 payment payload.",
  payment_header_too_large: "The PAYMENT-SIGNATURE header is too large.",
  "No matching payment requirements":
    "The payment does not match the current price, asset, network or recipient. Request the resource again for the current terms.",
  invalid_exact_evm_payload_authorization_value_mismatch: "The signed amount does not equal the price.",
  invalid_exact_evm_recipient_mismatch: "The payment is addressed to another recipient.",
  invalid_exact_evm_network_mismatch: "The payment is for another network.",
  invalid_exact_evm_signature: "The payment signature is not valid for the payer.",
  invalid_exact_evm_payload_authorization_valid_before: "The payment authorization has expired (or expires within seconds).",
  invalid_exact_evm_payload_authorization_valid_after: "The payment authorization is not valid yet.",
  invalid_exact_evm_nonce_already_used: "This payment authorization has already been used.",
  invalid_exact_evm_insufficient_balance: "The payer's USDC balance is too low.",
  invalid_exact_evm_token_name_mismatch: "The payment was signed for another token.",
  invalid_exact_evm_token_version_mismatch: "The payment was signed for another token version.",
  invalid_exact_evm_transaction_simulation_failed: "The payment could not be simulated on chain.",
  invalid_exact_evm_transaction_failed: "The settlement transaction failed; nothing was charged.",
  duplicate_payment: "This payment authorization was already used to pay for another resource.",
  authorization_used:
    "This payment authorization has already been used. Only the client that paid gets its result again, by sending it with the same payment-identifier; a wallet whose access window is still open can sign in instead (Sign-In-With-X).",
  invalid_payment_identifier:
    "The payment-identifier extension's id must be a string of 16 to 128 letters, digits, hyphens or underscores. Nothing was charged.",
  payment_identifier_reused:
    "This payment-identifier was already used by this wallet for another resource or method. Use a new identifier for each payment.",
  authorization_not_yet_valid: "The payment authorization is not valid yet (validAfter is in the future). Sign a new one for the current terms.",
  authorization_valid_too_long:
    "The payment authorization stays valid for longer than the offer's maxTimeoutSeconds allows. Sign a new one whose validBefore is within it.",
  sign_in_wrong_resource:
    "The Sign-In-With-X proof names another resource than this one. Sign the challenge in this resource's 402 as it is.",
  sign_in_wrong_network: "The Sign-In-With-X proof is for another chain than the one this site is paid on.",
  sign_in_valid_too_long:
    "The Sign-In-With-X proof stays valid for longer than the challenge allows. Sign the challenge in this resource's 402 as it is.",
  payment_in_progress: "This payment is being settled right now. Send the same request again in a moment.",
  unsupported_payment: "Only EIP-3009 `exact` payments are accepted.",
  ledger_unavailable: "The payment ledger is unavailable; nothing was charged. Try again shortly.",
  facilitator_unavailable: "The payment facilitator is unavailable; nothing was charged. Try again shortly.",
  settlement_unconfirmed:
    "Your payment was sent but its settlement is not confirmed yet: it is pending, not refused. Do not pay again. If it carried a payment-identifier, send the same request with the same PAYMENT-SIGNATURE after Retry-After seconds: you get what you paid for once it settles, and it is never charged twice. Without one, a copy of the payment can't be told from yours, so the same header will not get the content: once it settles, a wallet that bought an access window can sign in (Sign-In-With-X), and the publisher sees the payment in its ledger.",
  method_not_payable:
    "Payments are taken only with a request whose answer carries what was bought (GET for pages; not HEAD or OPTIONS). Nothing was charged.",
  payment_needs_a_page_request:
    "Payments for a page are taken with a request for the page itself (HTML, markdown or JSON), not the router's React Server Components fetch. Nothing was charged.",
  catalog_unavailable: "Prices can't be read right now; nothing was charged. Try again shortly.",
  not_for_sale: "This resource is not for sale right now.",
  handler_failed: "The API failed before answering; the payment was not settled, so nothing was charged.",
  wrong_network: "This resource is priced on another network than the server's; the publisher must fix its configuration.",
  // x402 v1 (`X-PAYMENT`) payments, translated to v2 by ./v1.ts.
  invalid_x_payment_header: "The X-PAYMENT header is not a base64-encoded x402 v1 payment payload.",
  x_payment_header_too_large: "The X-PAYMENT header is too large.",
  invalid_x402_version: "The X-PAYMENT header carries x402 v1 payments only; send x402 v2 payments in PAYMENT-SIGNATURE.",
  invalid_network: "The payment is for another network. Request the resource again for the current terms.",
  unsupported_scheme: "The payment uses a scheme this resource does not accept. Request the resource again for the current terms.",
  x402_v1_unavailable:
    "x402 v1 payments (X-PAYMENT) can't be accepted on this network: x402 v1 has no name for it. Pay with x402 v2: the terms are in the PAYMENT-REQUIRED header, the payment goes in PAYMENT-SIGNATURE.",
};

export function describeReason(reason: string): string {
  return MESSAGES[reason] ?? `The payment was refused (${reason}).`;
}
