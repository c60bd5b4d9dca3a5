CREATE TABLE `policy` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title_ar` text NOT NULL,
	`title_en` text DEFAULT '' NOT NULL,
	`version` text NOT NULL,
	`approved_by` text DEFAULT '' NOT NULL,
	`board_meeting` text DEFAULT '' NOT NULL,
	`approved_on` text NOT NULL,
	`next_review_on` text NOT NULL,
	`published` integer DEFAULT false NOT NULL,
	`notice_stage` text,
	`notice_for` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `policy_review_idx` ON `policy` (`next_review_on`);--> statement-breakpoint
CREATE INDEX `policy_pub_idx` ON `policy` (`published`);--> statement-breakpoint
CREATE TABLE `policy_clause` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`policy_id` integer NOT NULL,
	`ref` text DEFAULT '' NOT NULL,
	`text_ar` text NOT NULL,
	`text_en` text DEFAULT '' NOT NULL,
	`indicator` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `policy`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `policy_clause_policy_idx` ON `policy_clause` (`policy_id`,`sort`);--> statement-breakpoint
CREATE TABLE `policy_file` (
	`policy_id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`uploaded_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`policy_id`) REFERENCES `policy`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `improvement_action` ADD `published` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `improvement_action` ADD `public_text_ar` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `improvement_action` ADD `public_text_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `action_published_idx` ON `improvement_action` (`published`,`closed_at`);