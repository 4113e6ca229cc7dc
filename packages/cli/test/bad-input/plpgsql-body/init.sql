create function f() returns int language plpgsql as $$
begin
  retrun 1;
end
$$;
