-- case: subscription created without connecting, with settings and a comment
-- a
-- b
create subscription orders_feed connection 'dbname=postgres application_name=orders_feed' publication orders_pub, refunds_pub
  with (connect = false, slot_name = 'orders_slot', binary = true, synchronous_commit = 'local');
comment on subscription orders_feed is 'orders from the shop database';

-- case: subscription connection, publications, slot and settings change
-- a
create subscription orders_feed connection 'dbname=postgres' publication orders_pub
  with (connect = false, slot_name = none);
-- b
create subscription orders_feed connection 'dbname=postgres application_name=feed' publication orders_pub, refunds_pub
  with (connect = false, slot_name = 'feed_slot', binary = true, disable_on_error = true, synchronous_commit = 'remote_apply');

-- case: subscription with a slot is dropped
-- a
create subscription orders_feed connection 'dbname=postgres' publication orders_pub
  with (connect = false, slot_name = 'orders_slot');
-- b

-- case: subscription two_phase changes: created anew
-- a
create subscription orders_feed connection 'dbname=postgres' publication orders_pub
  with (connect = false, slot_name = none, two_phase = false);
-- b
create subscription orders_feed connection 'dbname=postgres' publication orders_pub
  with (connect = false, slot_name = none, two_phase = true);
