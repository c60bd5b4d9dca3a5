CREATE TABLE `audit_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`details` text,
	`ip` text,
	FOREIGN KEY (`actor_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_event` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_event` (`actor_id`);--> statement-breakpoint
CREATE TABLE `job_run` (
	`name` text PRIMARY KEY NOT NULL,
	`last_run_at` integer NOT NULL,
	`last_status` text NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_failure_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_user_idx` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`licence_number` text DEFAULT '' NOT NULL,
	`time_zone` text DEFAULT 'Asia/Riyadh' NOT NULL,
	`fiscal_year_start` integer DEFAULT 1 NOT NULL,
	`calendar` text DEFAULT 'gregorian' NOT NULL,
	`sla_days` integer DEFAULT 14 NOT NULL,
	`sla_mode` text DEFAULT 'calendar' NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `user` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`locale` text DEFAULT 'ar' NOT NULL,
	`password_hash` text,
	`disabled_at` integer,
	`is_demo` integer DEFAULT false NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_uq` ON `user` (`email`);--> statement-breakpoint
CREATE TABLE `user_token` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_token_user_idx` ON `user_token` (`user_id`);--> statement-breakpoint
CREATE TABLE `comment_tag` (
	`response_id` integer NOT NULL,
	`tag` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`response_id`, `tag`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `comment_tag_tag_idx` ON `comment_tag` (`tag`);--> statement-breakpoint
CREATE TABLE `dash_aspect_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`aspect` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`, `aspect`)
);
--> statement-breakpoint
CREATE TABLE `dash_channel_day` (
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`responses` integer NOT NULL,
	PRIMARY KEY(`day`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `dash_response_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`responses` integer NOT NULL,
	`n` integer NOT NULL,
	`sum` integer NOT NULL,
	`sum_sq` integer NOT NULL,
	`top2` integer NOT NULL,
	`nps_n` integer NOT NULL,
	`promoters` integer NOT NULL,
	`passives` integer NOT NULL,
	`detractors` integer NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`)
);
--> statement-breakpoint
CREATE TABLE `dash_rollup_state` (
	`name` text PRIMARY KEY NOT NULL,
	`last_id` integer NOT NULL,
	`rows` integer NOT NULL,
	`built_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invitation_link` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`message_id` integer,
	`channel` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`opened_at` integer,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`message_id`) REFERENCES `outbox_message`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_link_token_uq` ON `invitation_link` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitation_link_inv_idx` ON `invitation_link` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `message_template` (
	`key` text NOT NULL,
	`part` text NOT NULL,
	`locale` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_template_uq` ON `message_template` (`key`,`part`,`locale`);--> statement-breakpoint
CREATE TABLE `opt_out_token` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox_message` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` integer NOT NULL,
	`claimed_at` integer,
	`sent_at` integer,
	`last_error` text,
	`idempotency_key` text NOT NULL,
	`provider_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idem_uq` ON `outbox_message` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_state_idx` ON `outbox_message` (`state`,`not_before`);--> statement-breakpoint
CREATE INDEX `outbox_invitation_idx` ON `outbox_message` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `beneficiary` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_enc` text,
	`mobile_enc` text,
	`mobile_hash` text,
	`email_enc` text,
	`email_hash` text,
	`gender` text,
	`age_band` text,
	`city` text,
	`locale` text DEFAULT 'ar' NOT NULL,
	`preferred_channel` text DEFAULT 'sms' NOT NULL,
	`consent_contact` integer DEFAULT false NOT NULL,
	`consent_at` integer,
	`consent_version` text,
	`consent_identified` integer DEFAULT false NOT NULL,
	`opted_out_at` integer,
	`erased_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `beneficiary_mobile_idx` ON `beneficiary` (`mobile_hash`);--> statement-breakpoint
CREATE INDEX `beneficiary_email_idx` ON `beneficiary` (`email_hash`);--> statement-breakpoint
CREATE TABLE `beneficiary_name_token` (
	`beneficiary_id` integer NOT NULL,
	`token` text NOT NULL,
	PRIMARY KEY(`token`, `beneficiary_id`),
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bnt_beneficiary_idx` ON `beneficiary_name_token` (`beneficiary_id`);--> statement-breakpoint
CREATE TABLE `enrollment` (
	`program_id` integer NOT NULL,
	`beneficiary_id` integer NOT NULL,
	`enrolled_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`program_id`, `beneficiary_id`),
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `enrollment_beneficiary_idx` ON `enrollment` (`beneficiary_id`);--> statement-breakpoint
CREATE TABLE `program` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`survey_id` text NOT NULL,
	`responsible_user_id` integer,
	`status` text DEFAULT 'planned' NOT NULL,
	`ended_at` integer,
	`archived_at` integer,
	`anonymous_token_hash` text,
	`anonymous_link_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`responsible_user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `program_status_idx` ON `program` (`status`,`end_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `program_anon_uq` ON `program` (`anonymous_token_hash`);--> statement-breakpoint
CREATE TABLE `invitation` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text DEFAULT 'program' NOT NULL,
	`program_id` integer,
	`request_id` integer,
	`beneficiary_id` integer,
	`survey_version_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`short_code` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL,
	`delivered_at` integer,
	`opened_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`draft` text,
	`draft_page` integer DEFAULT 0 NOT NULL,
	`locale` text DEFAULT 'ar' NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_version`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitation_token_uq` ON `invitation` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitation_program_idx` ON `invitation` (`program_id`,`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `invitation_request_idx` ON `invitation` (`request_id`);--> statement-breakpoint
CREATE INDEX `invitation_beneficiary_idx` ON `invitation` (`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `invitation_created_idx` ON `invitation` (`created_at`);--> statement-breakpoint
CREATE INDEX `invitation_created_cover_idx` ON `invitation` (`created_at`,`program_id`,`survey_version_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `invitation_delivered_cover_idx` ON `invitation` (`delivered_at`,`program_id`,`survey_version_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `invitation_program_created_idx` ON `invitation` (`program_id`,`created_at`,`completed_at`);--> statement-breakpoint
CREATE INDEX `invitation_program_delivered_idx` ON `invitation` (`program_id`,`delivered_at`,`completed_at`);--> statement-breakpoint
CREATE TABLE `response` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invitation_id` integer,
	`program_id` integer,
	`request_id` integer,
	`beneficiary_id` integer,
	`survey_version_id` integer NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`submitted_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`answers` text NOT NULL,
	`csat` integer,
	`nps` integer,
	`channel` text,
	`within_two_weeks` integer,
	`comment` text,
	`gender` text,
	`age_band` text,
	`city` text,
	`identified` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitation`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`program_id`) REFERENCES `program`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`survey_version_id`) REFERENCES `survey_version`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `response_invitation_uq` ON `response` (`invitation_id`);--> statement-breakpoint
CREATE INDEX `response_date_idx` ON `response` (`local_date`,`csat`,`nps`);--> statement-breakpoint
CREATE INDEX `response_program_date_idx` ON `response` (`program_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `response_request_idx` ON `response` (`request_id`);--> statement-breakpoint
CREATE INDEX `response_version_idx` ON `response` (`survey_version_id`);--> statement-breakpoint
CREATE INDEX `response_beneficiary_idx` ON `response` (`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `response_dash_cover_idx` ON `response` (`local_date`,`gender`,`age_band`,`city`,`channel`,`program_id`,`survey_version_id`,`csat`,`nps`);--> statement-breakpoint
CREATE TABLE `response_aspect` (
	`response_id` integer NOT NULL,
	`aspect` text NOT NULL,
	`score` real NOT NULL,
	PRIMARY KEY(`response_id`, `aspect`),
	FOREIGN KEY (`response_id`) REFERENCES `response`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `response_aspect_idx` ON `response_aspect` (`aspect`);--> statement-breakpoint
CREATE INDEX `response_aspect_cover_idx` ON `response_aspect` (`response_id`,`aspect`,`score`);--> statement-breakpoint
CREATE TABLE `survey_version` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`hash` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_version_hash_uq` ON `survey_version` (`hash`);--> statement-breakpoint
CREATE INDEX `survey_version_survey_idx` ON `survey_version` (`survey_id`);--> statement-breakpoint
CREATE TABLE `channel` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channel_key_unique` ON `channel` (`key`);--> statement-breakpoint
CREATE TABLE `holiday` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `request` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`channel_id` integer NOT NULL,
	`kind` text NOT NULL,
	`beneficiary_id` integer,
	`subject` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`reference_no` text,
	`received_at` integer NOT NULL,
	`received_local_date` text NOT NULL,
	`backdate_reason` text,
	`assignee_id` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`status` text DEFAULT 'received' NOT NULL,
	`due_at` integer NOT NULL,
	`decided_at` integer,
	`decision` text,
	`closed_at` integer,
	`breach_notified_at` integer,
	FOREIGN KEY (`channel_id`) REFERENCES `channel`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`beneficiary_id`) REFERENCES `beneficiary`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_code_uq` ON `request` (`code`);--> statement-breakpoint
CREATE INDEX `request_received_idx` ON `request` (`received_local_date`,`channel_id`);--> statement-breakpoint
CREATE INDEX `request_status_due_idx` ON `request` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `request_assignee_idx` ON `request` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `request_decided_idx` ON `request` (`decided_at`);--> statement-breakpoint
CREATE INDEX `request_decided_cover_idx` ON `request` (`decided_at`,`received_at`,`due_at`,`channel_id`,`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `request_open_cover_idx` ON `request` (`received_at`,`decided_at`,`closed_at`,`due_at`,`channel_id`,`beneficiary_id`);--> statement-breakpoint
CREATE INDEX `request_received_cover_idx` ON `request` (`received_local_date`,`channel_id`,`beneficiary_id`);--> statement-breakpoint
CREATE TABLE `request_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`type` text NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`data` text,
	FOREIGN KEY (`request_id`) REFERENCES `request`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `request_event_request_idx` ON `request_event` (`request_id`,`at`);--> statement-breakpoint
CREATE TABLE `site` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`origins` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `site_key_unique` ON `site` (`key`);--> statement-breakpoint
CREATE TABLE `site_day` (
	`site_id` integer NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`visitors` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`),
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_day_day_idx` ON `site_day` (`day`);--> statement-breakpoint
CREATE TABLE `site_day_page` (
	`site_id` integer NOT NULL,
	`day` text NOT NULL,
	`path` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `path`),
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_day_page_day_idx` ON `site_day_page` (`day`);--> statement-breakpoint
CREATE TABLE `site_day_source` (
	`site_id` integer NOT NULL,
	`day` text NOT NULL,
	`source` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`visitors` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `day`, `source`),
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_day_source_day_idx` ON `site_day_source` (`day`);--> statement-breakpoint
CREATE TABLE `site_event` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`site_id` integer NOT NULL,
	`at` integer NOT NULL,
	`day` text NOT NULL,
	`visitor` text NOT NULL,
	`path` text NOT NULL,
	`source` text NOT NULL,
	`ref_host` text,
	`utm_source` text,
	FOREIGN KEY (`site_id`) REFERENCES `site`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_event_day_idx` ON `site_event` (`site_id`,`day`);--> statement-breakpoint
CREATE INDEX `site_event_visitor_idx` ON `site_event` (`site_id`,`day`,`visitor`,`source`);--> statement-breakpoint
CREATE INDEX `site_event_at_idx` ON `site_event` (`at`);--> statement-breakpoint
CREATE TABLE `site_salt` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `social_import` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fingerprint` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`platform` text NOT NULL,
	`rows` integer NOT NULL,
	`imported_by` integer,
	`imported_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `social_import_fingerprint_unique` ON `social_import` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `social_platform` (
	`key` text PRIMARY KEY NOT NULL,
	`name_ar` text NOT NULL,
	`name_en` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `social_reach` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`period_kind` text NOT NULL,
	`period_start` text NOT NULL,
	`reach` integer,
	`impressions` integer,
	`followers` integer,
	`engagements` integer,
	`posts` integer,
	`import_id` integer,
	`entered_by` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`platform`) REFERENCES `social_platform`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `social_reach_period_uq` ON `social_reach` (`platform`,`period_kind`,`period_start`);--> statement-breakpoint
CREATE INDEX `social_reach_start_idx` ON `social_reach` (`period_start`);--> statement-breakpoint
CREATE TABLE `improvement_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source` text NOT NULL,
	`source_ref` text,
	`owner_id` integer,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`indicator` text NOT NULL,
	`program_id` integer,
	`baseline_value` real,
	`baseline_n` integer,
	`baseline_from` text,
	`baseline_to` text,
	`after_value` real,
	`after_n` integer,
	`after_from` text,
	`after_to` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`owner_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_status_due_idx` ON `improvement_action` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `action_created_idx` ON `improvement_action` (`created_at`);--> statement-breakpoint
CREATE INDEX `action_closed_idx` ON `improvement_action` (`closed_at`);--> statement-breakpoint
CREATE TABLE `quarter_review` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`calendar` text NOT NULL,
	`year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`notes` text DEFAULT '' NOT NULL,
	`figures_fingerprint` text,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`reviewed_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quarter_review_uq` ON `quarter_review` (`calendar`,`year`,`quarter`);--> statement-breakpoint
CREATE TABLE `target` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator` text NOT NULL,
	`calendar` text NOT NULL,
	`year` integer NOT NULL,
	`value` real NOT NULL,
	`direction` text NOT NULL,
	`set_by` integer,
	`set_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`set_by`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `target_uq` ON `target` (`indicator`,`calendar`,`year`);