const express = require('express');
const app = express();
const router = express.Router();

router.get('/users/:id', (req, res) => {
  if (!req.params.id) return res.status(404).json({});
  res.status(200).json({ id: req.params.id });
});

router.post('/users', async (req, res) => {
  const user = await db.create(req.body);
  if (!user) return res.status(409).json({ error: 'taken' });
  res.status(201).json(user);
});

app.use('/api', router);
