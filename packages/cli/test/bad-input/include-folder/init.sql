create schema app;
\i lib
