CREATE TABLE `answer_text` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`response_id` integer NOT NULL,
	`question` text NOT NULL,
	`text` text NOT NULL,
	`norm` text NOT NULL,
	`band` text,
	`program_id` integer,
	`local_date` text NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `answer_text_response_question_uq` ON `answer_text` (`response_id`,`question`);--> statement-breakpoint
CREATE INDEX `answer_text_date_idx` ON `answer_text` (`local_date`,`program_id`,`band`);--> statement-breakpoint
CREATE TABLE `answer_theme` (
	`answer_id` integer NOT NULL,
	`theme_id` integer NOT NULL,
	`source` text NOT NULL,
	`removed` integer DEFAULT false NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`answer_id`, `theme_id`),
	FOREIGN KEY (`answer_id`) REFERENCES `answer_text`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`theme_id`) REFERENCES `theme`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `answer_theme_theme_idx` ON `answer_theme` (`theme_id`,`removed`,`answer_id`);--> statement-breakpoint
CREATE TABLE `theme` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`keywords_ar` text DEFAULT '' NOT NULL,
	`keywords_en` text DEFAULT '' NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `theme_key_uq` ON `theme` (`key`);
--> statement-breakpoint
DROP TABLE `comment_tag`;