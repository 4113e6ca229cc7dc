-- verify 0000000002-prices
SELECT 1;
