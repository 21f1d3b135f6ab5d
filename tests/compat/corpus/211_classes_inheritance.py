# Classes and inheritance: a small animal hierarchy.
class Animal:
    kingdom = "Animalia"

    def __init__(self, name, sound="..."):
        self.name = name
        self.sound = sound

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name, "Woof")
        self.breed = breed

    def speak(self):
        base = super().speak()
        return base + "!"


class Puppy(Dog):
    def speak(self):
        return super().speak().lower()


class Cat(Animal):
    def __init__(self, name):
        super().__init__(name, sound="Meow")


animals = [Dog("Rex", "Labrador"), Cat("Tom"), Puppy("Bit", "Beagle"), Animal("Generic")]
for a in animals:
    print(a, "->", a.speak())

print(Puppy.__mro__)
print([cls.__name__ for cls in Puppy.__mro__])
print(isinstance(animals[2], Dog), issubclass(Puppy, Animal), issubclass(Cat, Dog))
print(Dog.kingdom, animals[0].kingdom)
Dog.kingdom = "Canidae?"
print(Dog.kingdom, Animal.kingdom, Puppy.kingdom)
print(Animal.__subclasses__())
print(vars(animals[0]))
print(Puppy.__bases__, Animal.__bases__)
