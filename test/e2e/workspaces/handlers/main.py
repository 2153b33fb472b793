from fastapi import FastAPI, HTTPException, status

app = FastAPI()
pets = {}


@app.get("/pets/{pet_id}")
def read_pet(pet_id: str):
    if pet_id not in pets:
        raise HTTPException(status_code=404, detail="Pet not found")
    return pets[pet_id]


@app.post("/pets", status_code=status.HTTP_201_CREATED)
def create_pet(pet: dict):
    pets[pet["id"]] = pet
    return pet
