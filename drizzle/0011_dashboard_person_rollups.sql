CREATE TABLE `dash_decision_person_day` (
	`day` text NOT NULL,
	`days` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`decided` integer NOT NULL,
	`within` integer NOT NULL,
	PRIMARY KEY(`day`, `days`, `gender`, `age_band`, `city`)
);
--> statement-breakpoint
CREATE TABLE `dash_invitation_person_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`invitations` integer NOT NULL,
	`delivered` integer NOT NULL,
	`completed` integer NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`, `gender`, `age_band`, `city`)
);
--> statement-breakpoint
CREATE TABLE `dash_person_aspect_month` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`aspect` text NOT NULL,
	`n` integer NOT NULL,
	`sum` real NOT NULL,
	`sum_sq` real NOT NULL,
	PRIMARY KEY(`program_id`, `day`, `survey_version_id`, `gender`, `age_band`, `city`, `aspect`)
);
--> statement-breakpoint
CREATE TABLE `dash_program_channel_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
	`survey_version_id` integer NOT NULL,
	`channel` text NOT NULL,
	`responses` integer NOT NULL,
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `dash_received_day` (
	`day` text NOT NULL,
	`channel_id` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`requests` integer NOT NULL,
	PRIMARY KEY(`day`, `channel_id`, `gender`, `age_band`, `city`)
);
--> statement-breakpoint
CREATE TABLE `dash_respondent_channel_day` (
	`day` text NOT NULL,
	`survey_version_id` integer NOT NULL,
	`gender` text NOT NULL,
	`age_band` text NOT NULL,
	`city` text NOT NULL,
	`channel` text NOT NULL,
	`segment` text NOT NULL,
	`ch` text NOT NULL,
	`responses` integer NOT NULL,
	PRIMARY KEY(`day`, `survey_version_id`, `gender`, `age_band`, `city`, `channel`, `segment`, `ch`)
);
--> statement-breakpoint
CREATE INDEX `dash_respondent_channel_gender_idx` ON `dash_respondent_channel_day` (`gender`,`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_channel_age_idx` ON `dash_respondent_channel_day` (`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_channel_city_idx` ON `dash_respondent_channel_day` (`city`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_channel_channel_idx` ON `dash_respondent_channel_day` (`channel`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_channel_segment_idx` ON `dash_respondent_channel_day` (`segment`,`day`);--> statement-breakpoint
CREATE TABLE `dash_respondent_program_day` (
	`day` text NOT NULL,
	`program_id` integer NOT NULL,
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
	PRIMARY KEY(`day`, `program_id`, `survey_version_id`, `gender`, `age_band`, `city`, `channel`, `segment`)
);
--> statement-breakpoint
CREATE INDEX `dash_respondent_program_program_idx` ON `dash_respondent_program_day` (`program_id`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_program_gender_idx` ON `dash_respondent_program_day` (`gender`,`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_program_age_idx` ON `dash_respondent_program_day` (`age_band`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_program_city_idx` ON `dash_respondent_program_day` (`city`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_program_channel_idx` ON `dash_respondent_program_day` (`channel`,`day`);--> statement-breakpoint
CREATE INDEX `dash_respondent_program_segment_idx` ON `dash_respondent_program_day` (`segment`,`day`);--> statement-breakpoint
-- Person rollups (dash_invitation_person_day, dash_decision_person_day, dash_received_day) hold
-- the person's CURRENT gender, age band and city. So a change of a person's attributes, or of
-- the person an invitation or request belongs to, marks every affected instant in dash_dirty
-- like any other change (indicators/rollup.ts re-aggregates those days on the next read).
-- ON CONFLICT DO NOTHING, not INSERT OR IGNORE: a foreign key action (a person deleted: their
-- invitations' and requests' beneficiary_id set to null) fires these triggers with its own
-- ABORT policy, which overrides an OR IGNORE inside them.
CREATE TRIGGER `dash_invitation_person_upd` AFTER UPDATE OF `beneficiary_id` ON `invitation`
WHEN old.beneficiary_id IS NOT new.beneficiary_id
BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT new.created_at x UNION SELECT new.delivered_at) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- Requests by received day ('received': the Julian day number of received_local_date).
CREATE TRIGGER `dash_received_ins` AFTER INSERT ON `request` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) VALUES ('received', COALESCE(CAST(julianday(new.received_local_date) AS INTEGER), 0)) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_received_upd` AFTER UPDATE OF `received_local_date`, `channel_id`, `beneficiary_id` ON `request`
WHEN old.received_local_date IS NOT new.received_local_date OR old.channel_id IS NOT new.channel_id OR old.beneficiary_id IS NOT new.beneficiary_id
BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'received', COALESCE(CAST(julianday(x) AS INTEGER), 0)
	FROM (SELECT old.received_local_date x UNION SELECT new.received_local_date) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'request', CAST(new.decided_at / 3600000 AS INTEGER)
	WHERE new.decided_at IS NOT NULL AND old.beneficiary_id IS NOT new.beneficiary_id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_received_del` AFTER DELETE ON `request` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) VALUES ('received', COALESCE(CAST(julianday(old.received_local_date) AS INTEGER), 0)) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- A person's gender, age band or city edited (or the record deleted): every day holding one of
-- their invitations or requests (invitation_beneficiary_cover_idx, request_beneficiary_cover_idx).
CREATE TRIGGER `dash_beneficiary_upd` AFTER UPDATE OF `gender`, `age_band`, `city` ON `beneficiary`
WHEN old.gender IS NOT new.gender OR old.age_band IS NOT new.age_band OR old.city IS NOT new.city
BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT created_at x FROM `invitation` WHERE `beneficiary_id` = new.id UNION SELECT delivered_at FROM `invitation` WHERE `beneficiary_id` = new.id) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT DISTINCT 'request', CAST(decided_at / 3600000 AS INTEGER)
	FROM `request` WHERE `beneficiary_id` = new.id AND decided_at IS NOT NULL ON CONFLICT DO NOTHING;
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT DISTINCT 'received', COALESCE(CAST(julianday(received_local_date) AS INTEGER), 0)
	FROM `request` WHERE `beneficiary_id` = new.id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
CREATE TRIGGER `dash_beneficiary_del` AFTER DELETE ON `beneficiary` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT created_at x FROM `invitation` WHERE `beneficiary_id` = old.id UNION SELECT delivered_at FROM `invitation` WHERE `beneficiary_id` = old.id) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT DISTINCT 'request', CAST(decided_at / 3600000 AS INTEGER)
	FROM `request` WHERE `beneficiary_id` = old.id AND decided_at IS NOT NULL ON CONFLICT DO NOTHING;
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT DISTINCT 'received', COALESCE(CAST(julianday(received_local_date) AS INTEGER), 0)
	FROM `request` WHERE `beneficiary_id` = old.id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- The triggers of 0007 again, with ON CONFLICT DO NOTHING instead of INSERT OR IGNORE: run by a
-- foreign-key action (a program deleted → its responses' program_id set null), OR IGNORE was
-- overridden by the action's ABORT policy, and the deletion failed on a second row of one day.
DROP TRIGGER `dash_invitation_ins`;
--> statement-breakpoint
CREATE TRIGGER `dash_invitation_ins` AFTER INSERT ON `invitation` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) VALUES ('invitation', CAST(new.created_at / 3600000 AS INTEGER)) ON CONFLICT DO NOTHING;
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(new.delivered_at / 3600000 AS INTEGER) WHERE new.delivered_at IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_invitation_upd`;
--> statement-breakpoint
CREATE TRIGGER `dash_invitation_upd` AFTER UPDATE OF `created_at`, `delivered_at`, `completed_at`, `program_id`, `survey_version_id`, `anonymous` ON `invitation`
WHEN old.created_at IS NOT new.created_at OR old.delivered_at IS NOT new.delivered_at OR (old.completed_at IS NULL) <> (new.completed_at IS NULL)
	OR old.program_id IS NOT new.program_id OR old.survey_version_id IS NOT new.survey_version_id OR old.anonymous IS NOT new.anonymous
BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT old.created_at x UNION SELECT new.created_at UNION SELECT old.delivered_at UNION SELECT new.delivered_at) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_invitation_del`;
--> statement-breakpoint
CREATE TRIGGER `dash_invitation_del` AFTER DELETE ON `invitation` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'invitation', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT old.created_at x UNION SELECT old.delivered_at) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_request_ins`;
--> statement-breakpoint
CREATE TRIGGER `dash_request_ins` AFTER INSERT ON `request` WHEN new.decided_at IS NOT NULL BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) VALUES ('request', CAST(new.decided_at / 3600000 AS INTEGER)) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_request_upd`;
--> statement-breakpoint
CREATE TRIGGER `dash_request_upd` AFTER UPDATE OF `decided_at`, `received_at`, `due_at`, `channel_id` ON `request`
WHEN old.decided_at IS NOT new.decided_at OR (new.decided_at IS NOT NULL AND (old.received_at IS NOT new.received_at
	OR old.due_at IS NOT new.due_at OR old.channel_id IS NOT new.channel_id))
BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'request', CAST(x / 3600000 AS INTEGER)
	FROM (SELECT old.decided_at x UNION SELECT new.decided_at) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_request_del`;
--> statement-breakpoint
CREATE TRIGGER `dash_request_del` AFTER DELETE ON `request` WHEN old.decided_at IS NOT NULL BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) VALUES ('request', CAST(old.decided_at / 3600000 AS INTEGER)) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_response_del`;
--> statement-breakpoint
CREATE TRIGGER `dash_response_del` AFTER DELETE ON `response` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) VALUES ('response', COALESCE(CAST(julianday(old.local_date) AS INTEGER), 0)) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_response_upd`;
--> statement-breakpoint
CREATE TRIGGER `dash_response_upd` AFTER UPDATE OF `local_date`, `program_id`, `survey_version_id`, `csat`, `nps`, `channel`, `gender`, `age_band`, `city`, `segment` ON `response` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(x) AS INTEGER), 0)
	FROM (SELECT old.local_date x UNION SELECT new.local_date) WHERE x IS NOT NULL ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_response_aspect_del`;
--> statement-breakpoint
CREATE TRIGGER `dash_response_aspect_del` AFTER DELETE ON `response_aspect` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(local_date) AS INTEGER), 0) FROM `response` WHERE `id` = old.response_id ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_response_aspect_upd`;
--> statement-breakpoint
CREATE TRIGGER `dash_response_aspect_upd` AFTER UPDATE OF `score`, `aspect`, `response_id` ON `response_aspect` BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(local_date) AS INTEGER), 0) FROM `response` WHERE `id` IN (old.response_id, new.response_id) ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
DROP TRIGGER `dash_response_aspect_ins`;
--> statement-breakpoint
CREATE TRIGGER `dash_response_aspect_ins` AFTER INSERT ON `response_aspect`
WHEN new.response_id <= (SELECT `last_id` FROM `dash_rollup_state` WHERE `name` = 'responses')
BEGIN
	INSERT INTO `dash_dirty` (`source`, `hour`) SELECT 'response', COALESCE(CAST(julianday(local_date) AS INTEGER), 0) FROM `response` WHERE `id` = new.response_id ON CONFLICT DO NOTHING;
END;
