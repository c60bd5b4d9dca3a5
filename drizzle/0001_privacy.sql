CREATE TABLE `data_migration` (
	`name` text PRIMARY KEY NOT NULL,
	`applied_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `db_instance` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `request` ADD `subject_enc` text;--> statement-breakpoint
ALTER TABLE `request` ADD `details_enc` text;--> statement-breakpoint
ALTER TABLE `request_event` ADD `data_enc` text;--> statement-breakpoint
ALTER TABLE `response` DROP COLUMN `identified`;--> statement-breakpoint
ALTER TABLE `response` ADD `answers_enc` text;--> statement-breakpoint
ALTER TABLE `response` ADD `comment_enc` text;--> statement-breakpoint
-- This database's identity, for the erasure journal (see privacy.ts): random, created once.
INSERT INTO `db_instance` (`id`) VALUES (lower(hex(randomblob(16))));
