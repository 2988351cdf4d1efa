import { insightResponse } from "@/app/api/insights/insight";
import { benchOnly } from "../bench-only";

/** /api/insights without the paywall: the baseline its 402s and grants are measured against. */
export const GET = benchOnly(async () => insightResponse(null));
