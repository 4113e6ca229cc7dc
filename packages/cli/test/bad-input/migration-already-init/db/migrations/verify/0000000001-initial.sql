SELECT id FROM app.items WHERE false;
