# Properties: getters, setters, deleters and validation.
class Temperature:
    def __init__(self, celsius=0.0):
        self._celsius = None
        self.celsius = celsius

    @property
    def celsius(self):
        """Temperature in degrees Celsius."""
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._celsius = float(value)

    @celsius.deleter
    def celsius(self):
        print("deleting celsius")
        self._celsius = None

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.celsius = (value - 32) * 5 / 9


t = Temperature(25)
print(t.celsius, t.fahrenheit)
t.fahrenheit = 212
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)
del t.celsius
print(t.celsius)


class Circle:
    def __init__(self, r):
        self.r = r

    area = property(lambda self: 3.14159 * self.r ** 2)


c = Circle(2)
print(round(c.area, 3))
try:
    c.area = 10
except AttributeError as e:
    print("AttributeError:", e)

print(type(Temperature.celsius))
print(isinstance(Temperature.__dict__["fahrenheit"], property))
print(Temperature.celsius.fget.__name__, Temperature.celsius.fset is not None)
