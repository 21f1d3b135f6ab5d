# __init_subclass__ and __class_getitem__ as lighter alternatives to metaclasses.
class Shape:
    kinds = {}

    def __init_subclass__(cls, sides=0, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.sides = sides
        Shape.kinds[cls.__name__] = sides
        print(f"registered {cls.__name__} with {sides} sides")


class Triangle(Shape, sides=3):
    pass


class Square(Shape, sides=4):
    pass


class Blob(Shape):
    pass


print(Shape.kinds)
print(Triangle.sides, Square().sides, Blob.sides)


class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item.__name__}]"


print(Box[int], Box[str])
print(list[int], dict[str, list[int]], tuple[int, ...])
print(type(list[int]).__name__)
