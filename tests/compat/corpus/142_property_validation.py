# Properties with validation and computed attributes.
class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._c = float(value)
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
    @fahrenheit.setter
    def fahrenheit(self, f):
        self.celsius = (f - 32) * 5 / 9
    def __repr__(self):
        return f"Temperature({self._c!r})"
t = Temperature(25)
print(t, t.fahrenheit)
t.fahrenheit = 98.6
print(t, round(t.celsius, 2))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
print(vars(t))
print(type(Temperature.celsius).__name__, Temperature.fahrenheit.fset is not None)
