raise ValueError("\xff\udcff")
