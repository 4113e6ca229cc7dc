SELECT name FROM app.items WHERE false;
