CREATE TABLE `dash_decision_day` (
	`day` text NOT NULL,
	`channel_id` integer NOT NULL,
	`days` integer NOT NULL,
	`decided` integer NOT NULL,
	`within` integer NOT NULL,
	PRIMARY KEY(`day`, `channel_id`, `days`)
);
--> statement-breakpoint
CREATE TABLE `dash_dirty` (
	`source` text NOT NULL,
	`hour` integer NOT NULL,
	PRIMARY KEY(`source`, `hour`)
);
--> statement-breakpoint
CREATE TABLE `dash_invitation_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`invitations` integer NOT NULL,
	`delivered` integer NOT NULL,
	`completed` integer NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`)
);
--> statement-breakpoint
CREATE TABLE `dash_respondent_aspect_day` (
	`day` text NOT NULL,
	`survey_version_id` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`channel` text NOT NULL,
	`segment` text NOT NULL,
	`aspect` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`day`, `survey_version_id`, `gender`, `age_band`, `city`, `channel`, `segment`, `aspect`)
);
--> statement-breakpoint
CREATE INDEX `dash_respondent_aspect_gender_idx` ON `dash_respondent_aspect_day` (`gender`,`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_aspect_age_idx` ON `dash_respondent_aspect_day` (`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_aspect_city_idx` ON `dash_respondent_aspect_day` (`city`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_aspect_channel_idx` ON `dash_respondent_aspect_day` (`channel`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_aspect_segment_idx` ON `dash_respondent_aspect_day` (`segment`,`day`);--> statement-breakpoint
CREATE TABLE `dash_respondent_day` (
	`day` text NOT NULL,
	`survey_version_id` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`channel` text NOT NULL,
	`segment` text NOT NULL,
	`responses` integer NOT NULL,
	`n` integer NOT NULL,
	`sum` integer NOT NULL,
	`sum_sq` integer NOT NULL,
	`top2` integer NOT NULL,
	`nps_n` integer NOT NULL,
	`promoters` integer NOT NULL,
	`passives` integer NOT NULL,
	`detractors` integer NOT NULL,
	PRIMARY KEY(`day`, `survey_version_id`, `gender`, `age_band`, `city`, `channel`, `segment`)
);
--> statement-breakpoint
CREATE INDEX `dash_respondent_day_gender_idx` ON `dash_respondent_day` (`gender`,`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_day_age_idx` ON `dash_respondent_day` (`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_day_city_idx` ON `dash_respondent_day` (`city`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_day_channel_idx` ON `dash_respondent_day` (`channel`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_day_segment_idx` ON `dash_respondent_day` (`segment`,`day`);--> statement-breakpoint
DROP INDEX `invitation_beneficiary_idx`;--> statement-breakpoint
CREATE INDEX `invitation_beneficiary_cover_idx` ON `invitation` (`beneficiary_id`,`delivered_at`,`created_at`,`program_id`,`survey_version_id`,`completed_at`,`anonymous`);--> statement-breakpoint
CREATE INDEX `request_hours_idx` ON `request` ((decided_at - received_at) / 3600000,`decided_at`,`received_at`,`channel_id`,`beneficiary_id`) WHERE decided_at is not null;--> statement-breakpoint
CREATE INDEX `request_beneficiary_cover_idx` ON `request` (`beneficiary_id`,`decided_at`,`received_at`,`due_at`,`closed_at`,`channel_id`,`received_local_date`);--> statement-breakpoint
-- Invitations and requests change after insert: each change marks the hours of the row's old and
-- new instants in dash_dirty, in the writer's own transaction; the next dashboard read
-- re-aggregates those local days of dash_invitation_day / dash_decision_day (indicators/rollup.ts).
CREATE TRIGGER `dash_invitation_ins` AFTER INSERT ON `invitation` BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) VALUES ('invitation', CAST(new.created_at / 3600000 AS INTEGER));
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(new.delivered_at / 3600000 AS INTEGER) WHERE new.delivered_at IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_invitation_upd` AFTER UPDATE OF `created_at`, `delivered_at`, `completed_at`, `program_id`, `survey_version_id`, `anonymous` ON `invitation`
WHEN old.created_at IS NOT new.created_at OR old.delivered_at IS NOT new.delivered_at OR (old.completed_at IS NULL) <> (new.completed_at IS NULL)
	OR old.program_id IS NOT new.program_id OR old.survey_version_id IS NOT new.survey_version_id OR old.anonymous IS NOT new.anonymous
BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT old.created_at x UNION SELECT new.created_at UNION SELECT old.delivered_at UNION SELECT new.delivered_at) WHERE x IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_invitation_del` AFTER DELETE ON `invitation` BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT old.created_at x UNION SELECT old.delivered_at) WHERE x IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_request_ins` AFTER INSERT ON `request` WHEN new.decided_at IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) VALUES ('request', CAST(new.decided_at / 3600000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `dash_request_upd` AFTER UPDATE OF `decided_at`, `received_at`, `due_at`, `channel_id` ON `request`
WHEN old.decided_at IS NOT new.decided_at OR (new.decided_at IS NOT NULL AND (old.received_at IS NOT new.received_at
	OR old.due_at IS NOT new.due_at OR old.channel_id IS NOT new.channel_id))
BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'request', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT old.decided_at x UNION SELECT new.decided_at) WHERE x IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_request_del` AFTER DELETE ON `request` WHEN old.decided_at IS NOT NULL BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) VALUES ('request', CAST(old.decided_at / 3600000 AS INTEGER));
END;
--> statement-breakpoint
-- the response rollups gain the respondent tables: rebuild them all on the next read
DELETE FROM `dash_rollup_state` WHERE `name` = 'responses';
--> statement-breakpoint
-- Responses are only inserted in normal use (folded in above a watermark); a deletion or an
-- update of a rolled-up column marks the response's local day (as a Julian day number) instead.
CREATE TRIGGER `dash_response_del` AFTER DELETE ON `response` BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) VALUES ('response', COALESCE(CAST(julianday(old.local_date) AS INTEGER), 0));
END;
--> statement-breakpoint
CREATE TRIGGER `dash_response_upd` AFTER UPDATE OF `local_date`, `program_id`, `survey_version_id`, `csat`, `nps`, `channel`, `gender`, `age_band`, `city`, `segment` ON `response` BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(x) AS INTEGER), 0)
	FROM (SELECT old.local_date x UNION SELECT new.local_date) WHERE x IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_response_aspect_del` AFTER DELETE ON `response_aspect` BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(local_date) AS INTEGER), 0) FROM `response` WHERE `id` = old.response_id;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_response_aspect_upd` AFTER UPDATE OF `score`, `aspect`, `response_id` ON `response_aspect` BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(local_date) AS INTEGER), 0) FROM `response` WHERE `id` IN (old.response_id, new.response_id);
END;
--> statement-breakpoint
CREATE TRIGGER `dash_response_aspect_ins` AFTER INSERT ON `response_aspect`
WHEN new.response_id <= (SELECT `last_id` FROM `dash_rollup_state` WHERE `name` = 'responses')
BEGIN
	INSERT OR IGNORE INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(local_date) AS INTEGER), 0) FROM `response` WHERE `id` = new.response_id;
END;
