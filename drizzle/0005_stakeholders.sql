CREATE TABLE `campaign` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`survey_id` text NOT NULL,
	`audience_segments` text DEFAULT '[]' NOT NULL,
	`audience_program_id` integer,
	`audience_list` integer DEFAULT false NOT NULL,
	`personal_links` integer DEFAULT true NOT NULL,
	`reminders` integer DEFAULT true NOT NULL,
	`schedule` text DEFAULT 'once' NOT NULL,
	`calendar` text DEFAULT 'gregorian' NOT NULL,
	`start_date` text NOT NULL,
	`next_run_date` text,
	`last_run_at` integer,
	`open_segment` text,
	`respondent_question` text,
	`segment_map` text DEFAULT '{}' NOT NULL,
	`open_token_hash` text,
	`open_link_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`audience_program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_open_uq` ON `campaign` (`open_token_hash`);--> statement-breakpoint
CREATE INDEX `campaign_next_idx` ON `campaign` (`status`,`next_run_date`);--> statement-breakpoint
CREATE TABLE `campaign_contact` (
	`campaign_id` integer NOT NULL,
	`contact_id` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `contact_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `campaign_contact_contact_idx` ON `campaign_contact` (`contact_id`);--> statement-breakpoint
CREATE TABLE `contact_segment` (
	`contact_id` integer NOT NULL,
	`segment_id` integer NOT NULL,
	PRIMARY KEY(`segment_id`, `contact_id`),
	FOREIGN KEY (`contact_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`segment_id`) REFERENCES `segment`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_segment_contact_idx` ON `contact_segment` (`contact_id`);--> statement-breakpoint
CREATE TABLE `segment` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`archived_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `segment_key_uq` ON `segment` (`key`);--> statement-breakpoint
ALTER TABLE `invitation` ADD `campaign_id` integer REFERENCES campaign(id);--> statement-breakpoint
CREATE INDEX `invitation_campaign_idx` ON `invitation` (`campaign_id`,`beneficiary_id`);--> statement-breakpoint
ALTER TABLE `response` ADD `campaign_id` integer REFERENCES campaign(id);--> statement-breakpoint
ALTER TABLE `response` ADD `segment` text;--> statement-breakpoint
CREATE INDEX `response_segment_idx` ON `response` (`segment`,`local_date`,`csat`,`nps`);--> statement-breakpoint
CREATE INDEX `response_campaign_idx` ON `response` (`campaign_id`);