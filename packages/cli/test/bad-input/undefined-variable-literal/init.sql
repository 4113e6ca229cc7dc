create table settings (k text default :'default_key');
