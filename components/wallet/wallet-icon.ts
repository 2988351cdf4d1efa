/**
 * A wallet's announced icon, if it is safe to show. An EIP-6963 announcement is untrusted input:
 * the standard asks for a data: URI, and anything else is dropped. An `https:` icon would be a
 * request to a third party each time the picker opens (img-src allows https for article covers);
 * `javascript:` and the rest have no business in an image.
 */
export function safeWalletIcon(icon: string | undefined): string | undefined {
  // The type must be image/<subtype>, followed by parameters (`;base64`, `;charset=…`) or the data.
  return icon !== undefined && /^data:image\/[a-z0-9.+-]+[;,]/i.test(icon) ? icon : undefined;
}
