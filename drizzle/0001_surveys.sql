ALTER TABLE `program` ADD `anonymous_link_at` integer;--> statement-breakpoint
ALTER TABLE `invitation` ADD `anonymous` integer DEFAULT false NOT NULL;