import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { user } from './core';
import { response } from './surveys';

const now = sql`(unixepoch('subsec') * 1000)`;

/** A quality officer's tag on a free-text survey comment (e.g. "waiting-time", "staff"). */
export const commentTag = sqliteTable(
	'comment_tag',
	{
		responseId: integer('response_id')
			.notNull()
			.references(() => response.id, { onDelete: 'cascade' }),
		tag: text('tag').notNull(),
		createdBy: integer('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now)
	},
	(t) => [primaryKey({ columns: [t.responseId, t.tag] }), index('comment_tag_tag_idx').on(t.tag)]
);
