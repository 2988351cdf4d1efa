-- Written by hand: drizzle-kit does not model triggers.
-- A payment counts once, when it becomes settled (inserted settled, or updated to settled).
CREATE FUNCTION "record_settled_payment"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'settled' AND (TG_OP = 'INSERT' OR OLD."status" IS DISTINCT FROM 'settled') THEN
    INSERT INTO "payment_daily_totals" ("day", "resource_id", "settled_count", "revenue")
    VALUES ((COALESCE(NEW."settled_at", NEW."created_at") AT TIME ZONE 'UTC')::date, NEW."resource_id", 1, NEW."amount")
    ON CONFLICT ("day", "resource_id") DO UPDATE
      SET "settled_count" = "payment_daily_totals"."settled_count" + 1,
          "revenue" = "payment_daily_totals"."revenue" + EXCLUDED."revenue";
    INSERT INTO "payers" ("payer", "first_settled_at", "last_settled_at", "settled_count", "revenue")
    VALUES (NEW."payer", COALESCE(NEW."settled_at", NEW."created_at"), COALESCE(NEW."settled_at", NEW."created_at"), 1, NEW."amount")
    ON CONFLICT ("payer") DO UPDATE
      SET "first_settled_at" = LEAST("payers"."first_settled_at", EXCLUDED."first_settled_at"),
          "last_settled_at" = GREATEST("payers"."last_settled_at", EXCLUDED."last_settled_at"),
          "settled_count" = "payers"."settled_count" + 1,
          "revenue" = "payers"."revenue" + EXCLUDED."revenue";
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "payments_record_settled" AFTER INSERT OR UPDATE OF "status" ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "record_settled_payment"();
--> statement-breakpoint
-- Counts per resource and status, updated in one statement with rows in key order, so concurrent
-- status changes lock the counters in the same order (no deadlocks).
CREATE FUNCTION "count_payment_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "payment_status_counts" ("resource_id", "status", "count")
  SELECT d."resource_id", d."status", sum(d."delta")
  FROM (SELECT NEW."resource_id", NEW."status", 1 WHERE TG_OP IN ('INSERT', 'UPDATE')
        UNION ALL
        SELECT OLD."resource_id", OLD."status", -1 WHERE TG_OP IN ('UPDATE', 'DELETE')) AS d("resource_id", "status", "delta")
  GROUP BY d."resource_id", d."status" HAVING sum(d."delta") <> 0
  ORDER BY d."resource_id", d."status"
  ON CONFLICT ("resource_id", "status") DO UPDATE SET "count" = "payment_status_counts"."count" + EXCLUDED."count";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "payments_count_status" AFTER INSERT OR DELETE OR UPDATE OF "status", "resource_id" ON "payments"
  FOR EACH ROW EXECUTE FUNCTION "count_payment_status"();
