ALTER TABLE "payments" ADD COLUMN "request_method" text;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "access_seconds" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "outcome" jsonb;--> statement-breakpoint
-- Written by hand: payments made before this migration bought the window their resource has now.
UPDATE "payments" SET "access_seconds" = "resources"."access_seconds" FROM "resources" WHERE "payments"."resource_id" = "resources"."id";
