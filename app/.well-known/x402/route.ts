import { listResourcesForSale } from "@/lib/db/queries/resources";
import { env } from "@/lib/env";
import { toDecimalString } from "@/lib/format/money";
import { site } from "@/lib/site";

export const dynamic = "force-dynamic";

/** Every active paid resource with its current price, read from the database. */
export async function GET() {
  const origin = env.siteUrl;
  const resources = await listResourcesForSale();
  return Response.json(
    {
      x402Version: 2,
      service: site.name,
      description: site.description,
      resources: resources.map((resource) => ({
        url: `${origin}${resource.path}`,
        kind: resource.kind,
        title: resource.title,
        description: resource.description,
        mimeType: resource.mimeType,
        scheme: "exact",
        network: resource.network,
        asset: resource.asset,
        payTo: resource.payTo,
        price: { amount: resource.price.toString(), decimal: toDecimalString(resource.price), currency: "USDC" },
        accessSeconds: resource.accessSeconds,
      })),
    },
    { headers: { "Cache-Control": "public, max-age=5" } },
  );
}
