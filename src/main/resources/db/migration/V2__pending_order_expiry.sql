-- The expiry sweeper finds old unpaid orders without scanning the paid ones.
CREATE INDEX orders_pending_created_idx ON orders (created_at) WHERE status = 'PENDING';
