-- verify 0000000002-names
SELECT 1;
