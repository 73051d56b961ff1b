-- The welfare service's own database: the employee projection (dated facts), policy versions,
-- entitlements (dated rows, only ever added) and benefit claims. Money is bigint rupiah.

-- Every input an allowance depends on, with the date it takes effect; only ever added.
CREATE TABLE employee_facts (
    seq            bigserial PRIMARY KEY,
    nip            text NOT NULL,
    attribute      text NOT NULL CHECK (attribute IN
                   ('status', 'employment_type', 'golongan', 'unit_code', 'work_location',
                    'job_class', 'predikat')),
    effective_from date NOT NULL,
    value          text NOT NULL,
    version        integer NOT NULL DEFAULT 0,
    event_id       text,
    event_type     text NOT NULL,
    recorded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX employee_facts_by_nip ON employee_facts (nip, seq);
CREATE INDEX employee_facts_by_unit ON employee_facts (value) WHERE attribute = 'unit_code';
CREATE INDEX employee_facts_registered ON employee_facts (nip) WHERE attribute = 'status';

-- One row per policy version; a new version never changes an older one.
CREATE TABLE policy_versions (
    allowance      text NOT NULL CHECK (allowance IN ('TRANSPORT', 'HOUSING', 'TPP')),
    version_no     integer NOT NULL CHECK (version_no >= 1),
    effective_from date NOT NULL,
    rules          jsonb NOT NULL,
    note           text,
    is_example     boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (allowance, version_no)
);

-- The monthly amount of one allowance from a date on; the latest recorded row of the latest
-- date on or before a day is the one in force.
CREATE TABLE entitlements (
    seq                 bigserial PRIMARY KEY,
    nip                 text NOT NULL,
    allowance           text NOT NULL CHECK (allowance IN ('TRANSPORT', 'HOUSING', 'TPP')),
    effective_from      date NOT NULL,
    amount_idr          bigint NOT NULL CHECK (amount_idr >= 0),
    previous_amount_idr bigint NOT NULL CHECK (previous_amount_idr >= 0),
    reason              text NOT NULL,
    caused_by_event_id  text,
    policy_version      text NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entitlements_by_nip ON entitlements (nip, allowance, effective_from, seq);

CREATE TABLE claims (
    id               uuid PRIMARY KEY,
    nip              text NOT NULL,
    kind             text NOT NULL,
    amount_idr       bigint NOT NULL CHECK (amount_idr >= 0),
    evidence_ref     text NOT NULL,
    period           text NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    decision_reason  text,
    idempotency_key  text UNIQUE,
    request_hash     text NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    decided_at       timestamptz
);
CREATE INDEX claims_by_nip ON claims (nip, created_at);

-- EXAMPLE policies (not a regulation): Jawa Barat-like amounts so the system is usable out of
-- the box. Replace them with the region's own by PUT /v1/policies/{allowance}.
INSERT INTO policy_versions (allowance, version_no, effective_from, rules, note, is_example) VALUES
('TPP', 1, '2024-01-01', '{
  "base_by_job_class": {"1": 748000, "2": 950000, "3": 1200000, "4": 1500000, "5": 1850000,
    "6": 2300000, "7": 2850000, "8": 3500000, "9": 4300000, "10": 5300000, "11": 6600000,
    "12": 8200000, "13": 10500000, "14": 14000000, "15": 19500000, "16": 28000000,
    "17": 44920000},
  "factor_percent_by_predikat": {"SANGAT_BAIK": 100, "BAIK": 94, "BUTUH_PERBAIKAN": 82,
    "KURANG": 70, "SANGAT_KURANG": 55},
  "default_predikat": "BAIK"}', 'Example seed: TPP base by kelas jabatan (Rp 748,000 .. Rp 44,920,000) x (40% discipline + 60% productivity scaled by predikat)', true),
('HOUSING', 1, '2024-01-01', '{
  "by_rank_group": {"I": 400000, "II": 600000, "III": 900000, "IV": 1300000}}',
  'Example seed: housing allowance by rank group', true),
('TRANSPORT', 1, '2024-01-01', '{
  "zones": {"KOTA_BANDUNG": 1100000, "KAB_BANDUNG": 950000, "KAB_BANDUNG_BARAT": 950000,
    "KOTA_CIMAHI": 900000, "KAB_GARUT": 850000, "KOTA_BEKASI": 1200000, "KOTA_BOGOR": 1050000,
    "KAB_BOGOR": 1000000, "KOTA_DEPOK": 1150000},
  "default_amount_idr": 750000,
  "rank_group_overrides": {"KOTA_BANDUNG": {"IV": 1400000}}}',
  'Example seed: transport allowance by work-location zone', true);
