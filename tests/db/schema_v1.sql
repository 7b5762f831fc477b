-- The first Kiosk schema (0001_initial), as created then. Never edit: the upgrade test starts here.
CREATE TABLE agenda_item (
	id VARCHAR(36) NOT NULL, 
	day DATE NOT NULL, 
	position INTEGER NOT NULL, 
	title VARCHAR(300) NOT NULL, 
	speakers VARCHAR(500) NOT NULL, 
	planned_start TIME, 
	planned_minutes INTEGER NOT NULL, 
	warning_s INTEGER NOT NULL, 
	danger_s INTEGER NOT NULL, 
	mode VARCHAR(16) NOT NULL, 
	parent_id VARCHAR(36), 
	actual_start DATETIME, 
	actual_end DATETIME, 
	updated_at DATETIME NOT NULL, 
	desk_id VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(parent_id) REFERENCES agenda_item (id)
);

CREATE TABLE attendance (
	id VARCHAR(36) NOT NULL, 
	participant_id VARCHAR(36) NOT NULL, 
	day DATE NOT NULL, 
	checked_in_at DATETIME NOT NULL, 
	desk_id VARCHAR(36) NOT NULL, 
	voided BOOLEAN NOT NULL, 
	void_reason VARCHAR(300) NOT NULL, 
	voided_at DATETIME, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(participant_id) REFERENCES participant (id)
);

CREATE TABLE audit_event (
	id VARCHAR(36) NOT NULL, 
	at DATETIME NOT NULL, 
	desk_id VARCHAR(36) NOT NULL, 
	action VARCHAR(64) NOT NULL, 
	entity VARCHAR(64) NOT NULL, 
	entity_id VARCHAR(36) NOT NULL, 
	details JSON NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE badge_print (
	id VARCHAR(36) NOT NULL, 
	participant_id VARCHAR(36) NOT NULL, 
	printed_at DATETIME NOT NULL, 
	format VARCHAR(16) NOT NULL, 
	desk_id VARCHAR(36) NOT NULL, 
	reprint_reason VARCHAR(300) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(participant_id) REFERENCES participant (id)
);

CREATE TABLE clock_state (
	day DATE NOT NULL, 
	item_id VARCHAR(36), 
	state VARCHAR(16) NOT NULL, 
	started_at DATETIME, 
	paused_at DATETIME, 
	paused_total_s DOUBLE NOT NULL, 
	added_s DOUBLE NOT NULL, 
	message VARCHAR(300) NOT NULL, 
	blackout BOOLEAN NOT NULL, 
	revision INTEGER NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (day)
);

CREATE TABLE desk (
	id VARCHAR(36) NOT NULL, 
	name VARCHAR(80) NOT NULL, 
	is_local BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE event (
	id VARCHAR(36) NOT NULL, 
	name VARCHAR(300) NOT NULL, 
	venue VARCHAR(200) NOT NULL, 
	city VARCHAR(120) NOT NULL, 
	timezone VARCHAR(64) NOT NULL, 
	start_date DATE NOT NULL, 
	end_date DATE NOT NULL, 
	retention_days INTEGER NOT NULL, 
	options JSON NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE event_day (
	id VARCHAR(36) NOT NULL, 
	event_id VARCHAR(36) NOT NULL, 
	day DATE NOT NULL, 
	label VARCHAR(200) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(event_id) REFERENCES event (id) ON DELETE CASCADE, 
	UNIQUE (day)
);

CREATE TABLE participant (
	id VARCHAR(36) NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	first_name VARCHAR(120) NOT NULL, 
	last_name VARCHAR(120) NOT NULL, 
	sex VARCHAR(1) NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	category VARCHAR(64) NOT NULL, 
	function VARCHAR(200) NOT NULL, 
	region VARCHAR(120) NOT NULL, 
	phone VARCHAR(32) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	badge_role VARCHAR(32) NOT NULL, 
	registration VARCHAR(16) NOT NULL, 
	consent_photo BOOLEAN NOT NULL, 
	consent_contact BOOLEAN NOT NULL, 
	notes TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	desk_id VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code)
);

CREATE TABLE press_contact (
	id VARCHAR(36) NOT NULL, 
	journalist VARCHAR(200) NOT NULL, 
	outlet VARCHAR(200) NOT NULL, 
	phone VARCHAR(32) NOT NULL, 
	email VARCHAR(200) NOT NULL, 
	participant_id VARCHAR(36), 
	notes TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	desk_id VARCHAR(36) NOT NULL, 
	deleted BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(participant_id) REFERENCES participant (id)
);

CREATE TABLE schema_migration (
	name VARCHAR(100) NOT NULL, 
	applied_at DATETIME NOT NULL, 
	PRIMARY KEY (name)
);

CREATE TABLE setting (
	desk_id VARCHAR(36) NOT NULL, 
	"key" VARCHAR(100) NOT NULL, 
	value JSON, 
	PRIMARY KEY (desk_id, "key")
);

CREATE INDEX ix_agenda_item_day_position ON agenda_item (day, position);

CREATE INDEX ix_attendance_day_participant ON attendance (day, participant_id);

CREATE INDEX ix_audit_event_entity ON audit_event (entity, entity_id);

CREATE INDEX ix_badge_print_participant ON badge_print (participant_id);

CREATE INDEX ix_participant_email ON participant (email);

CREATE INDEX ix_participant_phone ON participant (phone);

INSERT INTO schema_migration (name, applied_at) VALUES ('0001_initial', '2026-11-29 08:40:00');
