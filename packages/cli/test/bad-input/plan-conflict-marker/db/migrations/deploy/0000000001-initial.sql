-- deploy 0000000001-initial
SELECT 1;
