import { Badge } from "@/components/ui/Badge";

/** Whether a resource is for sale. */
export function AvailabilityBadge({ active }: { active: boolean }) {
  return active ? <Badge tone="success">for sale</Badge> : <Badge>inactive</Badge>;
}
