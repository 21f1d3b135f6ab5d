# A custom sequence: __len__, __getitem__, __iter__, __contains__, __setitem__.
class Playlist:
    def __init__(self, *songs):
        self._songs = list(songs)

    def __len__(self):
        return len(self._songs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Playlist(*self._songs[index])
        return self._songs[index]

    def __setitem__(self, index, value):
        self._songs[index] = value

    def __delitem__(self, index):
        del self._songs[index]

    def __contains__(self, song):
        return song.lower() in (s.lower() for s in self._songs)

    def __iter__(self):
        return iter(self._songs)

    def __reversed__(self):
        return reversed(self._songs)

    def __repr__(self):
        return f"Playlist({', '.join(map(repr, self._songs))})"


pl = Playlist("Intro", "Verse", "Chorus", "Bridge", "Outro")
print(len(pl), pl[0], pl[-1])
print(pl[1:4])
print(pl[::2])
print("chorus" in pl, "solo" in pl)
pl[0] = "Overture"
del pl[3]
print(list(pl))
print(list(reversed(pl)))
for i, song in enumerate(pl, 1):
    print(i, song)
print(bool(pl), bool(Playlist()))


class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError(i)
        return i * i


print(list(Squares()), 9 in Squares(), 10 in Squares())
a, b, *rest = Squares()
print(a, b, rest)
